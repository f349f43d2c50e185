package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.labvault.local.testing.Backups;
import org.labvault.local.testing.HttpApi;
import org.labvault.local.testing.StackExtension;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * What the verification finds when backups are changed behind LabVault's back, through the S3
 * endpoint with the stack's own credentials; and the purge past retention, with time moved by the
 * data. Each test leaves the backups as it found them, so the next one starts from PASSED.
 */
class BackupTamperingE2ET {

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
    group = api.createGroup(alice, "tampered lab");
  }

  static JsonNode verify() {
    var verified = api.post("/ops/backups/verify", operator);
    assertThat(verified.status()).as(verified.body()).isEqualTo(200);
    return verified.json();
  }

  static void assertPassed(JsonNode report) {
    assertThat(report.path("status").asText()).as(report.toString()).isEqualTo("PASSED");
  }

  void putBackup(String key, byte[] bytes) {
    backups.s3().putObject(r -> r.bucket(backups.bucket("BackupBucket")).key(key), RequestBody.fromBytes(bytes));
  }

  @Test
  void aBackupCopyRemovedBehindLabVaultsBack_failsTheVerification_namingTheAsset_andRaisesAnAlarm() throws Exception {
    byte[] content = Backups.random(2048, 21);
    String assetId = backups.uploadAvailable(alice, group, "removed.bin", content);
    backups.awaitCopy(assetId);
    String key = backups.objectKey(assetId);
    int alarmsBefore = backups.alarms("BACKUP_FAILED").size();

    backups.s3().deleteObject(r -> r.bucket(backups.bucket("BackupBucket")).key(key));

    JsonNode report = verify();
    assertThat(report.path("status").asText()).isEqualTo("FAILED");
    assertThat(report.at("/objects/missing").toString()).contains(assetId);
    assertThat(report.at("/objects/corrupt")).isEmpty();
    assertThat(api.get("/ops/backups/reports/latest", operator).json().path("status").asText()).isEqualTo("FAILED");
    var alarms = backups.alarms("BACKUP_FAILED");
    assertThat(alarms).hasSize(alarmsBefore + 1);
    assertThat(alarms.getLast().get("category").s()).isEqualTo("PRODUCTION");
    assertThat(alarms.getLast().get("detail").s()).contains(report.path("reportId").asText());

    // the same bytes put back: PASSED again
    putBackup(key, content);
    assertPassed(verify());
  }

  @Test
  void aBackupCopyOverwrittenBehindLabVaultsBack_failsTheVerification_namingTheAsset() throws Exception {
    byte[] content = Backups.random(2048, 22);
    String assetId = backups.uploadAvailable(alice, group, "overwritten.bin", content);
    backups.awaitCopy(assetId);
    String key = backups.objectKey(assetId);

    byte[] other = content.clone();
    other[100] ^= 1; // same size, one bit flipped
    putBackup(key, other);

    JsonNode report = verify();
    assertThat(report.path("status").asText()).isEqualTo("FAILED");
    assertThat(report.at("/objects/corrupt").toString()).contains(assetId);
    assertThat(report.at("/objects/missing")).isEmpty();

    putBackup(key, content);
    assertPassed(verify());
  }

  @Test
  void anAlteredSnapshot_failsTheRestoreDrill() throws Exception {
    backups.uploadAvailable(alice, group, "in-the-snapshot.bin", Backups.random(64, 23));
    var run = api.post("/ops/backups/run", operator);
    assertThat(run.status()).as(run.body()).isEqualTo(200);
    String snapshotId = run.json().path("snapshotId").asText();
    String bucket = backups.bucket("BackupBucket");
    var parts = backups.s3().listObjectsV2(r -> r.bucket(bucket).prefix("snapshots/" + snapshotId + "/")).contents()
        .stream().map(o -> o.key()).filter(k -> k.endsWith(".gz")).toList();
    assertThat(parts).isNotEmpty();

    // one item's name changed in one part, recompressed: a valid file with other content
    String part = parts.stream().filter(k -> gunzip(backups.read("BackupBucket", k).orElseThrow().asByteArray()).contains("in-the-snapshot.bin"))
        .findFirst().orElseThrow();
    String lines = gunzip(backups.read("BackupBucket", part).orElseThrow().asByteArray());
    String altered = lines.replace("in-the-snapshot.bin", "in-the-snapshot.biN");
    assertThat(altered).isNotEqualTo(lines);
    putBackup(part, gzip(altered));

    JsonNode report = verify();
    assertThat(report.path("status").asText()).isEqualTo("FAILED");
    assertThat(report.at("/snapshot/snapshotId").asText()).isEqualTo(snapshotId);
    assertThat(report.path("problems").toString()).contains("SHA-256");

    // a new snapshot is a good restore point again
    assertThat(api.post("/ops/backups/run", operator).status()).isEqualTo(200);
    assertPassed(verify());
  }

  @Test
  void thePurge_removesExactlyTheCopiesOfAssetsDeletedLongerAgoThanTheRetention() throws Exception {
    String expired = backups.uploadAvailable(alice, group, "expired.bin", Backups.random(512, 24));
    String retained = backups.uploadAvailable(alice, group, "retained.bin", Backups.random(512, 25));
    String live = backups.uploadAvailable(alice, group, "live.bin", Backups.random(512, 26));
    for (String id : new String[] {expired, retained, live}) {
      backups.awaitCopy(id);
    }
    backups.delete(alice, expired);
    backups.delete(alice, retained);
    backups.deletedAgo(expired, Duration.ofDays(36)); // past the 35 days
    backups.deletedAgo(retained, Duration.ofDays(34)); // not yet

    var run = api.post("/ops/backups/run", operator);
    assertThat(run.status()).as(run.body()).isEqualTo(200);
    assertThat(run.json().path("purged").asInt()).isEqualTo(1);
    assertThat(backups.backupVersions(backups.objectKey(expired))).isZero();
    assertThat(backups.backupVersions(backups.objectKey(retained))).isEqualTo(1);
    assertThat(backups.backupVersions(backups.objectKey(live))).isEqualTo(1);

    // a second run purges nothing more; the purged copy is no longer expected, so the check passes
    assertThat(api.post("/ops/backups/run", operator).json().path("purged").asInt()).isZero();
    assertPassed(verify());
    assertThat(api.post("/ops/assets/" + expired + "/restore", operator).problemCode()).isEqualTo("BACKUP_EXPIRED");
    assertThat(api.post("/ops/assets/" + retained + "/restore", operator).status()).isEqualTo(200);
  }

  static String gunzip(byte[] gz) {
    try (var in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static byte[] gzip(String text) {
    var out = new ByteArrayOutputStream();
    try (var gz = new GZIPOutputStream(out)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
