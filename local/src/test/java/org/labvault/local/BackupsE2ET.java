package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.labvault.local.testing.Backups;
import org.labvault.local.testing.HttpApi;
import org.labvault.local.testing.StackExtension;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Backups on the local stack as operators use them: copies made on upload that outlive deletion,
 * the daily run and verification started by hand, and a deleted asset restored from its copy.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackupsE2ET {

  @RegisterExtension static final StackExtension STACK = new StackExtension();

  static HttpApi api;
  static Backups backups;
  static String alice;
  static String operator;
  static String group;

  @BeforeAll
  static void setUp() {
    api = STACK.api();
    backups = new Backups(STACK.stack(), api);
    alice = api.token("alice", "acme");
    operator = api.token("op-1", "platform", "operators");
    group = api.createGroup(alice, "backup lab");
  }

  @Test
  @Order(1)
  void theLatestReport_shouldBe404BeforeTheFirstVerification() {
    var latest = api.get("/ops/backups/reports/latest", operator);
    assertThat(latest.status()).as(latest.body()).isEqualTo(404);
    assertThat(latest.problemCode()).isEqualTo("NOT_FOUND");
  }

  @Test
  @Order(2)
  void anUploadedAsset_isCopied_survivesDeletion_passesVerification_andIsRestoredWithTheSameBytes() throws Exception {
    // given: an upload through the API, verified, and its backup copy
    byte[] content = Backups.random(4096, 11);
    String assetId = backups.uploadAvailable(alice, group, "plate-11.bin", content);
    assertThat(backups.awaitCopy(assetId)).isEqualTo(content);
    String key = backups.objectKey(assetId);
    assertThat(backups.read("BackupBucket", key).orElseThrow().response().serverSideEncryption())
        .isEqualTo(ServerSideEncryption.AES256);

    // when: the asset is deleted, the primary goes and the backup copy stays
    backups.delete(alice, assetId);
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> backups.read("DataBucket", key).isEmpty());
    assertThat(backups.read("BackupBucket", key).orElseThrow().asByteArray()).isEqualTo(content);

    // then: the daily backup run by hand takes a snapshot holding the table's items
    var run = api.post("/ops/backups/run", operator);
    assertThat(run.status()).as(run.body()).isEqualTo(200);
    JsonNode ran = run.json();
    assertThat(ran.path("snapshotId").asText()).isNotBlank();
    assertThat(ran.path("items").asLong()).isGreaterThan(2);
    assertThat(Instant.parse(ran.path("finishedAt").asText())).isAfterOrEqualTo(Instant.parse(ran.path("startedAt").asText()));
    assertThat(ran.path("objectsCopied").asInt()).isZero(); // the stream copied it already
    assertThat(ran.path("purged").asInt()).isZero();

    // and the verification restores it and finds the deleted asset's copy intact
    var verified = api.post("/ops/backups/verify", operator);
    assertThat(verified.status()).as(verified.body()).isEqualTo(200);
    JsonNode report = verified.json();
    assertThat(report.path("status").asText()).as(verified.body()).isEqualTo("PASSED");
    assertThat(report.at("/snapshot/snapshotId").asText()).isEqualTo(ran.path("snapshotId").asText());
    assertThat(report.at("/snapshot/restoredItems").asLong()).isEqualTo(report.at("/snapshot/items").asLong());
    assertThat(report.at("/snapshot/mismatches").asLong()).isZero();
    assertThat(report.at("/objects/expected").asLong()).isEqualTo(report.at("/objects/verified").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(report.at("/objects/missing")).isEmpty();
    assertThat(report.at("/objects/corrupt")).isEmpty();
    assertThat(report.path("retentionDays").asInt()).isEqualTo(35);
    assertThat(report.path("oldestRestorePoint").asText()).isNotBlank();
    assertThat(report.path("rpoSeconds").asLong()).isZero();
    assertThat(report.path("reportId").asText()).isNotBlank();
    var latest = api.get("/ops/backups/reports/latest", operator);
    assertThat(latest.status()).isEqualTo(200);
    assertThat(latest.json().path("reportId").asText()).isEqualTo(report.path("reportId").asText());

    // when: an operator restores it
    var restored = api.post("/ops/assets/" + assetId + "/restore", operator);
    assertThat(restored.status()).as(restored.body()).isEqualTo(200);
    assertThat(restored.json().path("status").asText()).isEqualTo("AVAILABLE");
    assertThat(restored.json().has("deletedAt")).isFalse();

    // then: its members read and download it again, with the same bytes
    assertThat(api.get("/assets/" + assetId, alice).json().path("status").asText()).isEqualTo("AVAILABLE");
    var download = api.get("/assets/" + assetId + "/download", alice);
    assertThat(download.status()).as(download.body()).isEqualTo(200);
    HttpResponse<byte[]> bytes = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(download.json().path("url").asText())).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(bytes.statusCode()).isEqualTo(200);
    assertThat(bytes.body()).isEqualTo(content);
    // it is listed and counted in its group again: the group cannot be deleted while it holds it
    assertThat(api.get("/groups/" + group + "/assets", alice).json().path("items").toString()).contains(assetId);
    assertThat(api.send("DELETE", "/groups/" + group, alice, null, null).problemCode()).isEqualTo("GROUP_NOT_EMPTY");

    // and a second restore is refused: it is not deleted
    var again = api.post("/ops/assets/" + assetId + "/restore", operator);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.problemCode()).isEqualTo("NOT_DELETED");
    // deleting it again removes the restored object as before
    backups.delete(alice, assetId);
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> backups.read("DataBucket", key).isEmpty());
  }

  @Test
  @Order(3)
  void restoring_shouldBeRefusedForAnUnknownAsset_anAvailableOne_andOnePastRetention() throws Exception {
    assertThat(api.post("/ops/assets/01a20900-0000-7000-8000-000000000000/restore", operator).status()).isEqualTo(404);

    String available = backups.uploadAvailable(alice, group, "kept.bin", Backups.random(100, 3));
    var notDeleted = api.post("/ops/assets/" + available + "/restore", operator);
    assertThat(notDeleted.status()).isEqualTo(409);
    assertThat(notDeleted.problemCode()).isEqualTo("NOT_DELETED");

    String old = backups.uploadAvailable(alice, group, "old.bin", Backups.random(100, 4));
    backups.awaitCopy(old);
    backups.delete(alice, old);
    backups.deletedAgo(old, Duration.ofDays(36));
    var expired = api.post("/ops/assets/" + old + "/restore", operator);
    assertThat(expired.status()).as(expired.body()).isEqualTo(409);
    assertThat(expired.problemCode()).isEqualTo("BACKUP_EXPIRED");
    assertThat(api.get("/assets/" + old, alice).json().path("status").asText()).isEqualTo("DELETED");
  }

  @Test
  @Order(4)
  void everyBackupRoute_shouldBe403ForAnyoneButOperators() throws Exception {
    String deleted = backups.uploadAvailable(alice, group, "mine.bin", Backups.random(64, 5));
    backups.awaitCopy(deleted);
    backups.delete(alice, deleted);
    String stranger = api.token("mallory", "other-tenant");
    String otherGroupAdmin = api.token("bob", "acme");
    api.createGroup(otherGroupAdmin, "another lab");
    for (String token : new String[] {alice, stranger, otherGroupAdmin, api.token("eve", "acme", "operators-team")}) {
      assertThat(api.post("/ops/backups/run", token).status()).isEqualTo(403);
      assertThat(api.post("/ops/backups/verify", token).status()).isEqualTo(403);
      assertThat(api.get("/ops/backups/reports/latest", token).status()).isEqualTo(403);
      var restore = api.post("/ops/assets/" + deleted + "/restore", token);
      assertThat(restore.status()).isEqualTo(403);
      assertThat(restore.header("Content-Type")).startsWith("application/problem+json");
    }
    // nothing was restored by the refused calls
    assertThat(api.get("/assets/" + deleted, alice).json().path("status").asText()).isEqualTo("DELETED");
    assertThat(api.post("/ops/backups/run", null).status()).isEqualTo(401);
  }
}
