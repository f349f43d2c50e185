package org.labvault.shared.backup.adapter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.inject.Inject;
import org.labvault.shared.backup.port.BackupStore;
import org.labvault.shared.config.Config;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** The backup bucket through the S3 client; copies come server-side from the data bucket. */
public final class S3BackupStore implements BackupStore {

  /** Copying or hashing a large object takes far longer than an ordinary API call may. */
  private static final Duration LONG_CALL = Duration.ofMinutes(14);
  private static final int BUFFER = 64 * 1024;

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
    return s3.copyObject(r -> r.sourceBucket(dataBucket()).sourceKey(key).sourceVersionId(dataVersionId)
            .destinationBucket(backupBucket()).destinationKey(key)
            .serverSideEncryption(ServerSideEncryption.AES256)
            .checksumAlgorithm(ChecksumAlgorithm.SHA256)
            .overrideConfiguration(o -> o.apiCallTimeout(LONG_CALL).apiCallAttemptTimeout(LONG_CALL)))
        .versionId();
  }

  @Override
  public Optional<BackupCopy> head(String key) {
    return head(key, null);
  }

  @Override
  public Optional<BackupCopy> head(String key, String versionId) {
    try {
      var head = s3.headObject(r -> r.bucket(backupBucket()).key(key).versionId(versionId)
          .checksumMode(ChecksumMode.ENABLED));
      String sha = head.checksumSHA256();
      // a multipart object's checksum is of its parts ("...-N"), not of the object
      boolean wholeObject = sha != null && !sha.contains("-");
      return Optional.of(new BackupCopy(head.contentLength(), head.versionId(), wholeObject ? sha : null));
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public String sha256(String key, String versionId) {
    MessageDigest digest = sha256Digest();
    var get = GetObjectRequest.builder().bucket(backupBucket()).key(key).versionId(versionId)
        .overrideConfiguration(o -> o.apiCallTimeout(LONG_CALL).apiCallAttemptTimeout(LONG_CALL)).build();
    try (InputStream in = s3.getObject(get)) {
      byte[] buffer = new byte[BUFFER];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Base64.getEncoder().encodeToString(digest.digest());
  }

  private static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
