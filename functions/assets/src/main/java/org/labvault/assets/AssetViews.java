package org.labvault.assets;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.labvault.shared.asset.domain.AssetStatus;
import org.labvault.shared.asset.port.ObjectStore.PresignedPart;

/** The shapes the Assets routes answer with. Object keys, upload ids and versions stay inside. */
final class AssetViews {
  private AssetViews() {}

  /** One presigned PUT: the client sends exactly {@code headers}. */
  record SingleUpload(String method, String url, Map<String, String> headers, Instant expiresAt) {}

  /** A multipart upload: one URL per part, then {@code POST /assets/{assetId}/complete}. */
  record MultipartUpload(boolean multipart, long partSizeBytes, List<PresignedPart> parts, Instant expiresAt) {}

  /** The answer to creating an asset. */
  record CreatedView(String assetId, AssetStatus status, Object upload) {
    static CreatedView of(AssetService.Created c) {
      Object upload = c.single() != null
          ? new SingleUpload("PUT", c.single().url(), c.single().headers(), seconds(c.expiresAt()))
          : new MultipartUpload(true, c.partSizeBytes(), c.parts(), seconds(c.expiresAt()));
      return new CreatedView(c.asset().assetId(), c.asset().status(), upload);
    }
  }

  record DownloadView(String url, Instant expiresAt) {}

  static Instant seconds(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS);
  }
}
