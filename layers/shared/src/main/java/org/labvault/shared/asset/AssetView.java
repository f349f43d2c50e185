package org.labvault.shared.asset;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.labvault.shared.asset.domain.Asset;
import org.labvault.shared.asset.domain.AssetStatus;
import org.labvault.shared.asset.domain.Classification;

/**
 * An asset as routes answer with it (members read it, operators get it back from a restore). Object
 * keys, upload ids and versions stay inside; {@code deletedAt} and {@code deletedBy} only once DELETED.
 */
public record AssetView(
    String assetId, String groupId, String name, String contentType, long sizeBytes, String sha256,
    Classification classification, AssetStatus status, Instant createdAt, String createdBy,
    @JsonInclude(JsonInclude.Include.NON_NULL) Instant deletedAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) String deletedBy) {

  public static AssetView of(Asset a) {
    return new AssetView(a.assetId(), a.groupId(), a.name(), a.contentType(), a.sizeBytes(), a.sha256(),
        a.classification(), a.status(), a.createdAt(), a.createdBy(), a.deletedAt(), a.deletedBy());
  }
}
