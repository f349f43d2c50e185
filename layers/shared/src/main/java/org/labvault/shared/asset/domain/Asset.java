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
 * @param deletedAt when it was deleted, once DELETED; else null
 * @param deletedBy who deleted it, once DELETED; else null
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
    String versionId,
    Instant deletedAt,
    String deletedBy) {

  /** An asset that is not deleted. */
  public Asset(String assetId, String groupId, String tenant, String name, String contentType, long sizeBytes,
      String sha256, Classification classification, AssetStatus status, Instant createdAt, String createdBy,
      String objectKey, String uploadId, Instant uploadExpiresAt, String versionId) {
    this(assetId, groupId, tenant, name, contentType, sizeBytes, sha256, classification, status, createdAt, createdBy,
        objectKey, uploadId, uploadExpiresAt, versionId, null, null);
  }

  public boolean multipart() {
    return uploadId != null;
  }
}
