package org.labvault.assets;

import org.labvault.shared.asset.domain.AssetStatus;
import org.labvault.shared.error.ConflictException;
import org.labvault.shared.error.ErrorCode;

/** The 409 answers of the asset routes. */
final class AssetConflicts {
  private AssetConflicts() {}

  static ConflictException notAvailable(AssetStatus status) {
    return new ConflictException(ErrorCode.NOT_AVAILABLE, "the asset is " + status + "; only AVAILABLE assets can be downloaded");
  }

  static ConflictException deleted() {
    return new ConflictException(ErrorCode.NOT_AVAILABLE, "the asset is DELETED");
  }

  static ConflictException uploadClosed(AssetStatus status) {
    return new ConflictException(ErrorCode.UPLOAD_CLOSED, "the asset is " + status + "; its upload is closed");
  }

  static ConflictException notMultipart() {
    return new ConflictException(ErrorCode.NOT_MULTIPART, "this asset is uploaded with one PUT; there is nothing to complete");
  }
}
