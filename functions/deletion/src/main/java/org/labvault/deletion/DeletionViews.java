package org.labvault.deletion;

import java.time.Instant;
import org.labvault.shared.asset.domain.AssetStatus;
import org.labvault.shared.deletion.domain.AppLink;
import org.labvault.shared.deletion.domain.DeletionState;

/** The shapes the Deletion routes answer with. */
final class DeletionViews {
  private DeletionViews() {}

  record LinkView(String linkId, String assetId, String appId, String externalRef, Instant createdAt, String createdBy) {
    static LinkView of(AppLink l) {
      return new LinkView(l.linkId(), l.assetId(), l.appId(), l.externalRef(), l.createdAt(), l.createdBy());
    }
  }

  /** The answer to {@code DELETE /assets/{assetId}}. */
  record DeletedAssetView(String assetId, AssetStatus status, Instant deletedAt, DeletionState deletion) {
    static DeletedAssetView of(AssetDeletionService.Deleted d) {
      return new DeletedAssetView(d.asset().assetId(), d.asset().status(), d.asset().deletedAt(), d.deletion());
    }
  }
}
