package org.labvault.assets;

import org.labvault.shared.asset.domain.AssetStatus;
import org.labvault.shared.error.ConflictException;

/** The 409 answers of the asset routes, with their stable codes. */
final class AssetConflicts {
  static final String NOT_AVAILABLE = "NOT_AVAILABLE";
  static final String UPLOAD_CLOSED = "UPLOAD_CLOSED";
  static final String NOT_MULTIPART = "NOT_MULTIPART";

  private AssetConflicts() {}

  static ConflictException notAvailable(AssetStatus status) {
    return new ConflictException(NOT_AVAILABLE, "the asset is " + status + "; only AVAILABLE assets can be downloaded");
  }

  static ConflictException deleted() {
    return new ConflictException(NOT_AVAILABLE, "the asset is DELETED");
  }

  static ConflictException uploadClosed(AssetStatus status) {
    return new ConflictException(UPLOAD_CLOSED, "the asset is " + status + "; its upload is closed");
  }

  static ConflictException notMultipart() {
    return new ConflictException(NOT_MULTIPART, "this asset is uploaded with one PUT; there is nothing to complete");
  }
}
