package org.labvault.shared.backup.port;

import java.util.Optional;

/**
 * The backup bucket: copies of asset objects, each under the same key as in the data bucket, so a
 * copy is found by the asset alone and outlives the primary's deletion.
 */
public interface BackupStore {

  /**
   * One version of a backup copy.
   *
   * @param sha256 base64 SHA-256 of the whole object when the store computed and kept one; else null
   */
  record BackupCopy(long sizeBytes, String versionId, String sha256) {}

  /**
   * Copies one version of a data bucket object to the backup bucket under the same key, encrypted
   * at rest (SSE AES256), asking the store to compute and keep the copy's SHA-256. A large object
   * (over 5 GiB in S3) is copied in parts: the store then keeps checksums of the parts only, and
   * {@link #head} has no SHA-256 of the whole copy. A copy that fails leaves no parts behind.
   *
   * @return the version id of the copy
   */
  String copyFromData(String key, String dataVersionId);

  /** The current copy under {@code key}, or empty when there is none. */
  Optional<BackupCopy> head(String key);

  /** One version of a copy, or empty when it is gone. */
  Optional<BackupCopy> head(String key, String versionId);

  /** The base64 SHA-256 of one version's bytes, read in full (for copies the store kept no checksum of). */
  String sha256(String key, String versionId);

  /**
   * The largest object S3 copies in one request (5 GiB); larger ones are copied in parts, and a
   * copy in parts lands in the data bucket as a completed multipart upload, which the data bucket
   * announces like an upload.
   */
  long SINGLE_COPY_MAX_BYTES = 5L * 1024 * 1024 * 1024;

  /**
   * Copies one version of a backup copy back into the data bucket under the same key, encrypted at
   * rest, asking the store to compute and keep its SHA-256 (a restore). A large object is copied in
   * parts, as by {@link #copyFromData}, and then has no SHA-256 of the whole object kept.
   *
   * @return the version id of the object now in the data bucket
   */
  String restoreToData(String key, String backupVersionId);

  /** Removes every version of the copy under {@code key} (a purge past retention); returns how many. */
  int purge(String key);
}
