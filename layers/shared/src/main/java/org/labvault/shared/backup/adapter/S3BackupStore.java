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

/** The backup bucket through the S3 client; copies go server-side between it and the data bucket. */
public final class S3BackupStore implements BackupStore {

  /** Copying a large object takes far longer than an ordinary API call may. */
  private static final Duration LONG_CALL = Duration.ofMinutes(14);

  private final S3Client s3;
  private final Config config;

  @Inject
  public S3BackupStore(S3Client s3, Config config) {
    this.s3 = s3;
    this.config = config;
  }

  private String backupBucket() {
    return config.require(Config.Names.BACKUP_BUCKET);
  }

  private String dataBucket() {
    return config.require(Config.Names.DATA_BUCKET);
  }

  /**
   * A single CopyObject: S3 copies objects up to 5 GB this way (larger ones need UploadPartCopy).
   * The checksum algorithm makes S3 compute the copy's SHA-256 of the whole object, which HEAD then
   * returns, so the copy is checked without reading it back.
   */
  @Override
  public String copyFromData(String key, String dataVersionId) {
    return copy(dataBucket(), key, dataVersionId, backupBucket());
  }

  @Override
  public String restoreToData(String key, String backupVersionId) {
    return copy(backupBucket(), key, backupVersionId, dataBucket());
  }

  private String copy(String fromBucket, String key, String versionId, String toBucket) {
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
