package org.labvault.shared.testing;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.labvault.shared.asset.port.ObjectStore;

/**
 * The data bucket in a map, versioned, for tests of the asset services. Presigned URLs are fakes
 * that name what they were signed for; tests "upload" with {@link #land}.
 */
public final class InMemoryObjectStore implements ObjectStore {

  /** One stored version. */
  public record Version(byte[] bytes, String versionId, String sha256) {}

  private final Map<String, List<Version>> objects = new ConcurrentHashMap<>();
  private final Map<String, String> uploads = new ConcurrentHashMap<>();
  /** The parts that landed, per open upload: part number to ETag. */
  private final Map<String, Map<Integer, String>> parts = new ConcurrentHashMap<>();
  private final AtomicInteger versions = new AtomicInteger();
  private final Clock clock;
  /** How often the full bytes were read to hash them. */
  public final AtomicInteger fullReads = new AtomicInteger();

  public InMemoryObjectStore(Clock clock) {
    this.clock = clock;
  }

  /**
   * Stores {@code bytes} as a new version of {@code key}, as an upload would.
   *
   * @param checkedSha256 the SHA-256 S3 checked and keeps (a single PUT with the checksum header), or null
   * @return the version id
   */
  public String land(String key, byte[] bytes, String checkedSha256) {
    String version = "v" + versions.incrementAndGet();
    objects.computeIfAbsent(key, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
        .add(new Version(bytes.clone(), version, checkedSha256));
    return version;
  }

  public List<Version> versions(String key) {
    return List.copyOf(objects.getOrDefault(key, List.of()));
  }

  public boolean hasOpenUpload(String uploadId) {
    return uploads.containsKey(uploadId);
  }

  /**
   * Stores one part of an open upload, as a PUT to its URL would.
   *
   * @return its ETag (hex MD5 of the bytes, as S3 answers for an unencrypted or SSE-S3 part)
   */
  public String landPart(String uploadId, int partNumber, byte[] bytes) {
    if (!uploads.containsKey(uploadId)) {
      throw new IllegalStateException("no such upload " + uploadId);
    }
    try {
      String etag = java.util.HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
      parts.computeIfAbsent(uploadId, k -> new ConcurrentHashMap<>()).put(partNumber, etag);
      return etag;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Aborts an upload, as AbortMultipartUpload (or a lifecycle rule) would. */
  public void abort(String uploadId) {
    uploads.remove(uploadId);
    parts.remove(uploadId);
  }

  @Override
  public PresignedRequest presignPut(String key, long sizeBytes, String sha256, String contentType, Duration lifetime) {
    return new PresignedRequest("https://s3.test/" + key + "?put", Map.of("content-length", Long.toString(sizeBytes),
        "content-type", contentType, "x-amz-checksum-sha256", sha256, "x-amz-server-side-encryption", "AES256"),
        clock.instant().plus(lifetime));
  }

  @Override
  public String startMultipart(String key, String contentType) {
    String id = "upload-" + versions.incrementAndGet();
    uploads.put(id, key);
    return id;
  }

  @Override
  public List<PresignedPart> presignParts(String key, String uploadId, List<Long> partSizes, Duration lifetime) {
    List<PresignedPart> parts = new ArrayList<>();
    for (int i = 0; i < partSizes.size(); i++) {
      parts.add(new PresignedPart(i + 1, "https://s3.test/" + key + "?uploadId=" + uploadId + "&partNumber=" + (i + 1)
          + "&size=" + partSizes.get(i)));
    }
    return parts;
  }

  @Override
  public Optional<Map<Integer, String>> listParts(String key, String uploadId) {
    if (!key.equals(uploads.get(uploadId))) {
      return Optional.empty();
    }
    return Optional.of(Map.copyOf(parts.getOrDefault(uploadId, Map.of())));
  }

  /** Like S3: every named part must have landed with that ETag (quotes around it or not). */
  @Override
  public Completion completeMultipart(String key, String uploadId, List<UploadedPart> completed) {
    if (!key.equals(uploads.get(uploadId))) {
      return Completion.NO_SUCH_UPLOAD;
    }
    Map<Integer, String> landed = parts.getOrDefault(uploadId, Map.of());
    for (UploadedPart p : completed) {
      if (!p.etag().replace("\"", "").equals(landed.get(p.partNumber()))) {
        throw org.labvault.shared.error.ValidationException.field("parts", "do not match the uploaded parts (InvalidPart)");
      }
    }
    abort(uploadId);
    return Completion.COMPLETED;
  }

  @Override
  public Optional<StoredObject> head(String key, String versionId) {
    return find(key, versionId).map(v -> new StoredObject(v.bytes().length, v.versionId(), v.sha256()));
  }

  @Override
  public String sha256(String key, String versionId) {
    fullReads.incrementAndGet();
    Version v = find(key, versionId).orElseThrow();
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(v.bytes()));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void delete(String key, String versionId) {
    objects.getOrDefault(key, new ArrayList<>()).removeIf(v -> versionId == null || v.versionId().equals(versionId));
  }

  @Override
  public int deleteAllVersions(String key) {
    List<Version> removed = objects.remove(key);
    return removed == null ? 0 : removed.size();
  }

  @Override
  public void abortMultipart(String key, String uploadId) {
    if (key.equals(uploads.get(uploadId))) {
      abort(uploadId);
    }
  }

  @Override
  public PresignedRequest presignGet(String key, String versionId, String fileName, String contentType, Duration lifetime) {
    return new PresignedRequest("https://s3.test/" + key + "?versionId=" + versionId + "&expires=" + lifetime.toSeconds(),
        Map.of(), clock.instant().plus(lifetime));
  }

  private Optional<Version> find(String key, String versionId) {
    List<Version> all = objects.getOrDefault(key, List.of());
    if (versionId == null) {
      return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
    }
    return all.stream().filter(v -> v.versionId().equals(versionId)).findFirst();
  }
}
