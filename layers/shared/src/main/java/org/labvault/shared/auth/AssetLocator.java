package org.labvault.shared.auth;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the group that holds an asset, for decisions about {@code asset:<id>}: the one extra read
 * such a decision costs before the membership read.
 */
public interface AssetLocator {

  /** The group holding {@code assetId} (deleted assets included), read strongly consistently. */
  Optional<String> groupOf(String assetId);

  /** The groups holding each of {@code assetIds} that exists (batched reads). */
  Map<String, String> groupsOf(Collection<String> assetIds);
}
