package org.labvault.shared.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.labvault.shared.backup.port.BackupStore;

/**
 * The backup bucket in memory, copying from an {@link InMemoryObjectStore} that plays the data
 * bucket. Like S3 asked for a SHA-256 on copy, it keeps the checksum of what it stored.
 */
public final class InMemoryBackupStore implements BackupStore {

  private final InMemoryObjectStore data;
  private final InMemoryObjectStore copies;
  /** How many copies were made. */
  public final AtomicInteger copiesMade = new AtomicInteger();
  /** How many calls the port was asked (copies, heads, reads). */
  public final AtomicInteger calls = new AtomicInteger();
  private volatile boolean corrupting;

  public InMemoryBackupStore(InMemoryObjectStore data, InMemoryObjectStore copies) {
    this.data = data;
    this.copies = copies;
  }

  /** From now on every copy stores other bytes than its source (a store that damages copies). */
  public void corruptCopies() {
    corrupting = true;
  }

  /** The versions held under {@code key}, oldest first. */
  public List<InMemoryObjectStore.Version> versions(String key) {
    return copies.versions(key);
  }

  /** Stores {@code bytes} under {@code key} behind LabVault's back (a copy made before, or tampering). */
  public String land(String key, byte[] bytes) {
    return copies.land(key, bytes, Sha256.base64(bytes));
  }

  @Override
  public String copyFromData(String key, String dataVersionId) {
    calls.incrementAndGet();
    byte[] source = data.versions(key).stream().filter(v -> v.versionId().equals(dataVersionId)).findFirst()
        .orElseThrow(() -> new IllegalStateException("no such source version " + dataVersionId)).bytes();
    byte[] stored = corrupting ? "not the bytes that were sent".getBytes(StandardCharsets.UTF_8) : source;
    copiesMade.incrementAndGet();
    return land(key, stored);
  }

  @Override
  public Optional<BackupCopy> head(String key) {
    return head(key, null);
  }

  @Override
  public Optional<BackupCopy> head(String key, String versionId) {
    calls.incrementAndGet();
    return copies.head(key, versionId).map(o -> new BackupCopy(o.sizeBytes(), o.versionId(), o.sha256()));
  }

  @Override
  public String sha256(String key, String versionId) {
    calls.incrementAndGet();
    return copies.sha256(key, versionId);
  }

  @Override
  public String restoreToData(String key, String backupVersionId) {
    calls.incrementAndGet();
    var copy = copies.versions(key).stream().filter(v -> v.versionId().equals(backupVersionId)).findFirst()
        .orElseThrow(() -> new IllegalStateException("no such backup version " + backupVersionId));
    return data.land(key, copy.bytes(), copy.sha256());
  }

  @Override
  public int purge(String key) {
    calls.incrementAndGet();
    return copies.deleteAllVersions(key);
  }

  /** Base64 SHA-256, as S3 reports checksums. */
  public static final class Sha256 {
    private Sha256() {}

    public static String base64(byte[] bytes) {
      try {
        return java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
