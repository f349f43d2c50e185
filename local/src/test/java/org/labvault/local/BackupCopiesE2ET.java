package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.labvault.local.testing.HttpApi;
import org.labvault.local.testing.StackExtension;
import org.labvault.local.testing.Uploads;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** Backup copies on the local stack: the template's Backup function on the table's stream. */
class BackupCopiesE2ET {

  @RegisterExtension static final StackExtension STACK = new StackExtension();
  static final Duration COPIED = Duration.ofSeconds(30);

  static HttpApi api;
  static Uploads uploads;
  static String alice;
  static String group;

  @BeforeAll
  static void setUp() {
    api = STACK.api();
    uploads = new Uploads(api);
    alice = api.token("alice", "acme");
    group = api.createGroup(alice, "backup lab");
  }

  static String bucket(String logicalId) {
    return STACK.stack().model().buckets().get(logicalId).bucketName();
  }

  static String objectKey(String assetId) {
    return "assets/acme/" + group + "/" + assetId;
  }

  static Optional<ResponseBytes<GetObjectResponse>> read(String logicalId, String key) {
    try {
      return Optional.of(STACK.stack().s3Client().getObjectAsBytes(r -> r.bucket(bucket(logicalId)).key(key)));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Test
  void anUploadedAsset_isCopiedToTheBackupBucket_andTheCopyOutlivesItsDeletion() throws Exception {
    // given: an upload through the API, verified
    byte[] content = new byte[4096];
    new Random(11).nextBytes(content);
    JsonNode created = uploads.declare(alice, group, "plate-11.bin", content, null);
    assertThat(Uploads.put(created.at("/upload/url").asText(), Uploads.headersOf(created.path("upload")), content)
        .statusCode()).isEqualTo(200);
    String assetId = created.path("assetId").asText();
    uploads.awaitStatus(alice, assetId, "AVAILABLE");
    String key = objectKey(assetId);

    // then: within seconds the backup bucket holds the same bytes, encrypted
    var copy = await().atMost(COPIED).pollInterval(Duration.ofMillis(200))
        .until(() -> read("BackupBucket", key), Optional::isPresent).orElseThrow();
    assertThat(copy.asByteArray()).isEqualTo(content);
    assertThat(copy.response().serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);

    // when: the asset is deleted
    var deleted = api.send("DELETE", "/assets/" + assetId, alice, null, null);
    assertThat(deleted.status()).as(deleted.body()).isEqualTo(202);

    // then: the primary goes, the backup copy stays
    await().atMost(COPIED).pollInterval(Duration.ofMillis(200)).until(() -> read("DataBucket", key).isEmpty());
    assertThat(read("BackupBucket", key)).hasValueSatisfying(b -> assertThat(b.asByteArray()).isEqualTo(content));
  }
}
