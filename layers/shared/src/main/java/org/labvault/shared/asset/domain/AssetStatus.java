package org.labvault.shared.asset.domain;

import java.util.Arrays;
import java.util.Optional;

/** Where an asset is in its life: only AVAILABLE assets can be downloaded. */
public enum AssetStatus {
  /** Declared; its bytes have not landed or are not verified yet. */
  PENDING_UPLOAD,
  /** Its bytes landed and matched the declared size and SHA-256. */
  AVAILABLE,
  /** Its bytes did not match the declaration; the object was removed. */
  REJECTED,
  /** Deleted by a member; kept as a record. */
  DELETED;

  public static Optional<AssetStatus> parse(String name) {
    return Arrays.stream(values()).filter(s -> s.name().equals(name)).findFirst();
  }
}
