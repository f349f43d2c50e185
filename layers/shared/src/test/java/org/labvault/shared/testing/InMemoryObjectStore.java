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
  public Completion completeMultipart(String key, String uploadId, List<UploadedPart> parts) {
    return uploads.remove(uploadId) != null ? Completion.COMPLETED : Completion.NO_SUCH_UPLOAD;
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
