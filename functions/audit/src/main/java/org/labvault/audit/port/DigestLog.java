package org.labvault.audit.port;

import java.util.Optional;
import org.labvault.audit.domain.Digest;
import org.labvault.audit.domain.DigestTip;
import org.labvault.audit.domain.StoredDigest;

/** The signed digests, one after the other, in their own partition of the table. */
public interface DigestLog {

  /** The last digest's seq and signature, read strongly consistent; empty before the first digest. */
  Optional<DigestTip> tip();

  /**
   * Appends {@code next} right after {@code after} (empty: as the first digest), both or neither:
   * the tip moves on only if it still is {@code after}, and no digest takes a seq twice.
   *
   * @throws RaceLost when another digest was appended first; read the tip again and retry
   */
  void append(Digest next, Optional<DigestTip> after);

  /** Every digest in seq order, read strongly consistent. */
  Iterable<StoredDigest> all();

  /** Another writer appended a digest first: the tip this one followed is no longer the tip. */
  final class RaceLost extends RuntimeException {
    public RaceLost(Throwable cause) {
      super("another digest was appended first", cause);
    }
  }
}
