package org.labvault.shared.deletion.domain;

import org.labvault.shared.error.ConflictException;
import org.labvault.shared.error.ErrorCode;
import org.labvault.shared.error.ValidationException;

/** The refusals of linking, in one place. */
public final class DeletionConflicts {
  private DeletionConflicts() {}

  /** SECRET assets are never linked out. */
  public static ConflictException secret() {
    return new ConflictException(ErrorCode.CLASSIFICATION, "SECRET assets cannot be linked to applications");
  }

  /** Reclassifying to SECRET while apps hold links. */
  public static ConflictException linkedAsset() {
    return new ConflictException(ErrorCode.CLASSIFICATION, "the asset has live app links; delete them before making it SECRET");
  }

  public static ConflictException notAvailable(String status) {
    return new ConflictException(ErrorCode.NOT_AVAILABLE, "the asset is " + status + "; only AVAILABLE assets can be linked");
  }

  public static ValidationException unregisteredApp(String appId) {
    return ValidationException.field("appId", "'" + appId + "' is not a registered application");
  }

  public static ConflictException appExists(String appId) {
    return new ConflictException(ErrorCode.ALREADY_EXISTS, "an application '" + appId + "' is registered already");
  }
}
