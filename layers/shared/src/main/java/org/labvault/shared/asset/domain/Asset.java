package org.labvault.shared.asset.domain;

import java.time.Instant;

/**
 * A file held for a group: its declared metadata and where its bytes live.
 *
 * @param tenant the tenant of the group that holds it (part of the object key)
 * @param sha256 base64 of the declared SHA-256 digest
 * @param createdBy a user id, or {@code instrument:<id>}
 * @param objectKey where the bytes live in the data bucket; chosen by the server
 * @param uploadId the multipart upload, while one is open; else null
 * @param uploadExpiresAt when the upload URLs stop working
 * @param versionId the verified object version, once AVAILABLE
 */
public record Asset(
    String assetId,
    String groupId,
    String tenant,
    String name,
    String contentType,
    long sizeBytes,
    String sha256,
    Classification classification,
    AssetStatus status,
    Instant createdAt,
    String createdBy,
    String objectKey,
    String uploadId,
    Instant uploadExpiresAt,
    String versionId) {

  public boolean multipart() {
    return uploadId != null;
  }
}
