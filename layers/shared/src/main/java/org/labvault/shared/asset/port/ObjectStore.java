package org.labvault.shared.asset.port;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bucket that holds asset bytes. Clients never get credentials: they get presigned requests
 * whose signature covers what they must send (size, checksum, encryption).
 */
public interface ObjectStore {

  /** A presigned request: the client sends exactly these headers to this URL before it expires. */
  record PresignedRequest(String url, Map<String, String> headers, Instant expiresAt) {}

  /** A presigned URL for one part of a multipart upload. */
  record PresignedPart(int partNumber, String url) {}

  /** A part the client uploaded, as it reports it when completing. */
  record UploadedPart(int partNumber, String etag) {}

  /**
   * What is stored.
   *
   * @param sha256 base64 SHA-256 of the whole object when the store computed and kept one; else null
   */
  record StoredObject(long sizeBytes, String versionId, String sha256) {}

  /** A single PUT of exactly {@code sizeBytes} bytes whose SHA-256 is {@code sha256}, encrypted at rest. */
  PresignedRequest presignPut(String key, long sizeBytes, String sha256, String contentType, Duration lifetime);

  /** Opens a multipart upload, encrypted at rest; returns its upload id. */
  String startMultipart(String key, String contentType);

  /** A URL per part; each signature covers the part's exact size. */
  List<PresignedPart> presignParts(String key, String uploadId, List<Long> partSizes, Duration lifetime);

  /** What completing a multipart upload did. */
  enum Completion {
    COMPLETED,
    /** The store knows no such upload: completed (or aborted) before. */
    NO_SUCH_UPLOAD
  }

  /**
   * The parts an open multipart upload holds, by part number, each with its ETag (without quotes);
   * empty when the store knows no such upload (completed or aborted).
   */
  Optional<Map<Integer, String>> listParts(String key, String uploadId);

  /**
   * Completes a multipart upload.
   *
   * @throws org.labvault.shared.error.ValidationException when the parts do not match what was uploaded
   */
  Completion completeMultipart(String key, String uploadId, List<UploadedPart> parts);

  /** One version of the object, or empty when it is gone. */
  Optional<StoredObject> head(String key, String versionId);

  /** The base64 SHA-256 of one version's bytes, read in full. */
  String sha256(String key, String versionId);

  /** Removes one version for good (a null version: the current object). */
  void delete(String key, String versionId);

  /**
   * Removes every version of {@code key} (and every delete marker) for good: old download URLs stop
   * working. Nothing there is no failure, so repeating it is harmless.
   *
   * @return how many versions and delete markers were removed
   */
  int deleteAllVersions(String key);

  /** Aborts an open multipart upload; one that is gone (completed or aborted) is no failure. */
  void abortMultipart(String key, String uploadId);

  /**
   * A GET of one version, offered for download as {@code fileName} of {@code contentType}; never
   * kept by shared caches, whatever headers the object was stored with.
   */
  PresignedRequest presignGet(String key, String versionId, String fileName, String contentType, Duration lifetime);
}
