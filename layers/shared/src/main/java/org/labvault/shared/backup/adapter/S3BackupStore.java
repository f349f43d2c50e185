package org.labvault.shared.backup.adapter;

import java.time.Duration;
import java.util.Optional;
import javax.inject.Inject;
import org.labvault.shared.aws.S3Reads;
import org.labvault.shared.backup.port.BackupStore;
import org.labvault.shared.config.Config;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The backup bucket through the S3 client; copies go server-side between it and the data bucket:
 * one CopyObject up to a threshold, a multipart upload of part copies above it.
 */
public final class S3BackupStore implements BackupStore {

  /** Copying a large object takes far longer than an ordinary API call may. */
  static final Duration LONG_CALL = Duration.ofMinutes(14);
  /** The largest object one CopyObject copies (5 GiB); assets may be up to 5 TiB. */
  static final long SINGLE_COPY_LIMIT = BackupStore.SINGLE_COPY_MAX_BYTES;
  /** Few calls for a large object; one of 5 TiB needs larger parts (S3 takes 10,000 at most). */
  static final long PART_SIZE = 512 * MultipartCopy.MIB;

  private final S3Client s3;
  private final Config config;
  private final long singleCopyMax;
  private final MultipartCopy multipart;

  @Inject
  public S3BackupStore(S3Client s3, Config config) {
    this(s3, config, SINGLE_COPY_LIMIT, PART_SIZE);
  }

  /**
   * @param singleCopyMax objects of at most this many bytes are copied with one CopyObject (1 B to 5 GiB)
   * @param partSize the parts of larger ones (5 MiB to 5 GiB; larger when 10,000 parts would not hold the object)
   */
  public S3BackupStore(S3Client s3, Config config, long singleCopyMax, long partSize) {
    if (singleCopyMax < 1 || singleCopyMax > SINGLE_COPY_LIMIT) {
      throw new IllegalArgumentException("single copy threshold must be 1 B to 5 GiB: " + singleCopyMax);
    }
    this.s3 = s3;
    this.config = config;
    this.singleCopyMax = singleCopyMax;
    this.multipart = new MultipartCopy(s3, partSize);
  }

  private String backupBucket() {
    return config.require(Config.Names.BACKUP_BUCKET);
  }

  private String dataBucket() {
    return config.require(Config.Names.DATA_BUCKET);
  }

  @Override
  public String copyFromData(String key, String dataVersionId) {
    return copy(dataBucket(), key, dataVersionId, backupBucket());
  }

  @Override
  public String restoreToData(String key, String backupVersionId) {
    return copy(backupBucket(), key, backupVersionId, dataBucket());
  }

  private String copy(String fromBucket, String key, String versionId, String toBucket) {
    long size = S3Reads.head(s3, fromBucket, key, versionId)
        .orElseThrow(() -> new IllegalStateException("version " + versionId + " of " + key + " is not in " + fromBucket))
        .sizeBytes();
    if (size <= singleCopyMax) {
      return singleCopy(fromBucket, key, versionId, toBucket);
    }
    return multipart.copy(fromBucket, key, versionId, size, toBucket);
  }

  /**
   * The checksum algorithm makes S3 compute the copy's SHA-256 of the whole object, which HEAD then
   * returns, so the copy is checked without reading it back. (A multipart copy gets checksums of its
   * parts only: its bytes are read and hashed instead.)
   */
  private String singleCopy(String fromBucket, String key, String versionId, String toBucket) {
    return s3.copyObject(r -> r.sourceBucket(fromBucket).sourceKey(key).sourceVersionId(versionId)
            .destinationBucket(toBucket).destinationKey(key)
            .serverSideEncryption(ServerSideEncryption.AES256)
            .checksumAlgorithm(ChecksumAlgorithm.SHA256)
            .overrideConfiguration(o -> o.apiCallTimeout(LONG_CALL).apiCallAttemptTimeout(LONG_CALL)))
        .versionId();
  }

  @Override
  public int purge(String key) {
    return S3Reads.deleteAllVersions(s3, backupBucket(), key);
  }

  @Override
  public Optional<BackupCopy> head(String key) {
    return head(key, null);
  }

  @Override
  public Optional<BackupCopy> head(String key, String versionId) {
    return S3Reads.head(s3, backupBucket(), key, versionId).map(h -> new BackupCopy(h.sizeBytes(), h.versionId(), h.sha256()));
  }

  @Override
  public String sha256(String key, String versionId) {
    return S3Reads.sha256(s3, backupBucket(), key, versionId);
  }
}
