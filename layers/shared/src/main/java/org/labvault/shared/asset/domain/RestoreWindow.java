package org.labvault.shared.asset.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * How long an operator's restore of a DELETED asset may be copying its object back. While it is,
 * the bytes landing under the asset's key are the restore's, not a late upload to be removed; a
 * restore begun longer ago than this has died and its bytes are cleaned up by the daily backup.
 */
public final class RestoreWindow {

  /** Longer than any one copy may take (a Lambda invocation lasts at most 15 minutes). */
  public static final Duration LENGTH = Duration.ofHours(1);

  private RestoreWindow() {}

  /** Whether a restore begun at {@code since} (null: none) is still under way at {@code now}. */
  public static boolean underWay(Instant since, Instant now) {
    return since != null && since.plus(LENGTH).isAfter(now);
  }
}
