package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.labvault.local.testing.Backups;
import org.labvault.local.testing.StackExtension;
import org.labvault.local.testing.Uploads;
import org.labvault.shared.backup.adapter.S3BackupStore;
import org.labvault.shared.config.Config;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Copies between the data and the backup bucket on the local S3 server: with a threshold of 10 MiB
 * and 5 MiB parts, an object over the threshold goes as a multipart upload of part copies, one at
 * or under it as a single CopyObject, and a copy that fails leaves no upload open.
 */
class BackupPartCopyE2ET {

  @RegisterExtension static final StackExtension STACK = new StackExtension();

  static final long MIB = 1024 * 1024;
  static final long THRESHOLD = 10 * MIB;
  static final long PART_SIZE = 5 * MIB;

  static S3Client s3;
  static String data;
  static String backup;
  static S3BackupStore store;

  @BeforeAll
  static void setUp() {
    s3 = STACK.stack().s3Client();
    data = STACK.stack().model().buckets().get("DataBucket").bucketName();
    backup = STACK.stack().model().buckets().get("BackupBucket").bucketName();
    store = storeOn(s3);
  }

  private static S3BackupStore storeOn(S3Client client) {
    var config = Config.from(Map.of(Config.Names.DATA_BUCKET, data, Config.Names.BACKUP_BUCKET, backup));
    return new S3BackupStore(client, config, THRESHOLD, PART_SIZE);
  }

  @Test
  void copyFromData_shouldCopyInParts_theSameBytesEncryptedAsANewVersion_whenOverTheThreshold() {
    // given: an object of three parts, and an older copy under its key
    String key = key();
    byte[] content = Backups.random((int) (12 * MIB + 3), 21);
    String source = put(data, key, content);
    String older = put(backup, key, Backups.random(100, 22));

    // when
    String copy = store.copyFromData(key, source);

    // then
    assertThat(copy).isNotEqualTo(older);
    assertCopiedInParts(backup, key, copy, content);
    assertThat(store.head(key).orElseThrow().versionId()).isEqualTo(copy);
    assertThat(store.head(key, copy).orElseThrow().sha256()).as("no SHA-256 of the whole object").isNull();
    assertThat(store.sha256(key, copy)).isEqualTo(Uploads.sha256(content));
    assertThat(s3.listObjectVersions(r -> r.bucket(backup).prefix(key)).versions()).hasSize(2);
    assertNoUploadOpen();
  }

  @Test
  void restoreToData_shouldCopyInParts_theSameBytesEncryptedAsANewVersion_whenOverTheThreshold() {
    // given: a backup copy of four parts, and an older object under its key in the data bucket
    String key = key();
    byte[] content = Backups.random((int) (17 * MIB), 31);
    String copy = put(backup, key, content);
    String older = put(data, key, Backups.random(100, 32));

    // when
    String restored = store.restoreToData(key, copy);

    // then
    assertThat(restored).isNotEqualTo(older);
    assertCopiedInParts(data, key, restored, content);
    assertThat(s3.listObjectVersions(r -> r.bucket(data).prefix(key)).versions()).hasSize(2);
    assertNoUploadOpen();
  }

  @Test
  void copyFromData_shouldCopyInOneCopyObject_whenAtTheThreshold() {
    // given
    String key = key();
    byte[] content = Backups.random((int) THRESHOLD, 41);
    String source = put(data, key, content);

    // when
    String copy = store.copyFromData(key, source);

    // then: one CopyObject keeps the source's ETag (a multipart upload's ends in "-<parts>")
    HeadObjectResponse head = head(backup, key, copy);
    assertThat(head.eTag()).isEqualTo(head(data, key, source).eTag()).doesNotContain("-");
    assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
    assertThat(sha256(backup, key, copy)).isEqualTo(Uploads.sha256(content));
  }

  @Test
  void copyFromData_shouldFailAndOpenNoUpload_whenTheSourceVersionDoesNotExist() {
    // given: the key holds a large object, but not the version asked for
    String key = key();
    String source = put(data, key, Backups.random((int) (12 * MIB), 51));
    s3.deleteObject(r -> r.bucket(data).key(key).versionId(source));
    put(data, key, Backups.random((int) (12 * MIB), 52));

    // when / then
    assertThatThrownBy(() -> store.copyFromData(key, source)).isInstanceOf(RuntimeException.class);
    assertThat(s3.listObjectVersions(r -> r.bucket(backup).prefix(key)).versions()).isEmpty();
    assertNoUploadOpen();
  }

  @Test
  void copyFromData_shouldAbortItsUpload_whenThePartsFailAfterItStarted() {
    // given: the source version is removed just before the first part is copied
    String key = key();
    String source = put(data, key, Backups.random((int) (12 * MIB + 3), 61));
    var removed = new AtomicBoolean();
    var failing = storeOn(removingSourceBeforeFirstPart(data, key, source, removed));

    // when / then: the upload was started, its parts failed, and it is gone
    assertThatThrownBy(() -> failing.copyFromData(key, source)).isInstanceOf(S3Exception.class);
    assertThat(removed).isTrue();
    assertThat(s3.listObjectVersions(r -> r.bucket(backup).prefix(key)).versions()).isEmpty();
    assertNoUploadOpen();
  }

  private static void assertCopiedInParts(String bucket, String key, String versionId, byte[] content) {
    HeadObjectResponse head = head(bucket, key, versionId);
    int parts = (int) ((content.length + PART_SIZE - 1) / PART_SIZE);
    assertThat(head.versionId()).isEqualTo(versionId);
    assertThat(head.contentLength()).isEqualTo(content.length);
    assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
    assertThat(head.eTag()).as("a multipart upload's ETag").endsWith("-" + parts + "\"");
    assertThat(sha256(bucket, key, versionId)).isEqualTo(Uploads.sha256(content));
  }

  private static void assertNoUploadOpen() {
    assertThat(s3.listMultipartUploads(r -> r.bucket(backup)).uploads()).isEmpty();
    assertThat(s3.listMultipartUploads(r -> r.bucket(data)).uploads()).isEmpty();
  }

  /** Outside assets/: the upload checks judge only objects there. */
  private static String key() {
    return "partcopy/" + UUID.randomUUID() + ".bin";
  }

  private static String put(String bucket, String key, byte[] content) {
    return s3.putObject(r -> r.bucket(bucket).key(key).serverSideEncryption(ServerSideEncryption.AES256),
        RequestBody.fromBytes(content)).versionId();
  }

  private static HeadObjectResponse head(String bucket, String key, String versionId) {
    return s3.headObject(r -> r.bucket(bucket).key(key).versionId(versionId).checksumMode(ChecksumMode.ENABLED));
  }

  private static String sha256(String bucket, String key, String versionId) {
    return Uploads.sha256(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key).versionId(versionId)).asByteArray());
  }

  /** The stack's client, except that the first UploadPartCopy finds its source version deleted. */
  private static S3Client removingSourceBeforeFirstPart(String bucket, String key, String versionId, AtomicBoolean removed) {
    return (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(), new Class<?>[] {S3Client.class},
        (proxy, method, args) -> {
          if (method.getName().equals("uploadPartCopy") && removed.compareAndSet(false, true)) {
            s3.deleteObject(r -> r.bucket(bucket).key(key).versionId(versionId));
          }
          try {
            return method.invoke(s3, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
