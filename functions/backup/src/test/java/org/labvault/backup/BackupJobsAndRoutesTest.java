package org.labvault.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labvault.backup.DailyBackup.RunResult;
import org.labvault.backup.domain.VerificationReport;
import org.labvault.backup.snapshot.InMemorySnapshotStore;
import org.labvault.shared.alarm.Alarm;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.config.Config;
import org.labvault.shared.json.Json;
import org.labvault.shared.testing.EmbeddedTable;
import org.labvault.shared.testing.FakeContext;
import org.labvault.shared.testing.InMemoryBackupStore;
import org.labvault.shared.testing.InMemoryObjectStore;
import org.labvault.shared.testing.TestClock;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The daily jobs and the operators' routes on the sample events of events/backup, with the table
 * and the drill's scratch tables in process and the buckets in memory.
 */
class BackupJobsAndRoutesTest {

  static final Instant NOW = Instant.parse("2026-11-23T08:05:00Z");
  /** The asset of the sample restore events. */
  static final String ASSET = "01a20900-0000-7000-8000-00000000a55e";
  static final String GROUP = "01a207c8-24bd-7da8-965e-feee279db2cc";
  static final byte[] CONTENT = "a,b\n1,2\n3\n".getBytes(StandardCharsets.UTF_8);
  static final String SHA = InMemoryBackupStore.Sha256.base64(CONTENT);

  private EmbeddedTable table;
  private TestClock clock;
  private InMemoryObjectStore data;
  private InMemoryBackupStore backups;
  private List<AuditEvent> audit;
  private List<Alarm> alarms;
  private BackupJobsHandler jobs;
  private BackupOpsHandler routes;

  @BeforeEach
  void setUp() {
    table = new EmbeddedTable();
    clock = new TestClock(NOW);
    data = new InMemoryObjectStore(clock);
    backups = new InMemoryBackupStore(data, new InMemoryObjectStore(clock));
    audit = new ArrayList<>();
    alarms = new ArrayList<>();
    var config = Config.from(Map.of(Config.Names.TABLE_NAME, EmbeddedTable.NAME, Config.Names.DATA_BUCKET,
        EmbeddedTable.BUCKET, Config.Names.BACKUP_BUCKET, "labvault-test-backup", Config.Names.BACKUP_RETENTION_DAYS, "35",
        Config.Names.BACKUP_SCAN_SEGMENTS, "2", Config.Names.DRILL_TABLE_PREFIX, "drill-"));
    TestBackupComponent c = DaggerTestBackupComponent.factory().create(config, table.client(), clock, audit, backups, data,
        new InMemorySnapshotStore(), alarms);
    jobs = new BackupJobsHandler(c);
    routes = new BackupOpsHandler(c);
    table.client().putItem(r -> r.tableName(EmbeddedTable.NAME).item(Map.of(
        Keys.PK, s(Keys.group(GROUP)), Keys.SK, s(Keys.META), "status", s(Keys.GROUP_ACTIVE),
        Keys.ASSET_COUNT, AttributeValue.fromN("0"))));
  }

  @AfterEach
  void tearDown() {
    table.close();
  }

  static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  /** The sample asset, its object in the data bucket; with a recorded backup copy unless {@code copied} is false. */
  private void asset(String status, boolean copied, Instant deletedAt) {
    String key = "assets/acme/" + GROUP + "/" + ASSET;
    String version = data.land(key, CONTENT, SHA);
    Map<String, AttributeValue> item = new HashMap<>(Map.of(Keys.PK, s(Keys.asset(ASSET)), Keys.SK, s(Keys.META),
        "type", s("Asset"), "assetId", s(ASSET), "groupId", s(GROUP), "status", s(status), "objectKey", s(key),
        "versionId", s(version), "sizeBytes", AttributeValue.fromN(String.valueOf(CONTENT.length)), "sha256", s(SHA)));
    item.put("tenant", s("acme"));
    item.put("name", s("plate.csv"));
    item.put("contentType", s("text/csv"));
    item.put("classification", s("INTERNAL"));
    item.put("createdAt", s("2026-11-23T08:00:00Z"));
    item.put("createdBy", s("alice"));
    item.put("uploadExpiresAt", s("2026-11-23T08:15:00Z"));
    item.put("availableAt", s("2026-11-23T08:01:00Z"));
    if (copied) {
      item.put("backupVersionId", s(backups.copyFromData(key, version)));
    }
    if (deletedAt != null) {
      data.deleteAllVersions(key);
      item.put("deletedAt", s(deletedAt.toString()));
      item.put("deletedBy", s("alice"));
    }
    table.client().putItem(r -> r.tableName(EmbeddedTable.NAME).item(item));
  }

  private Map<String, AttributeValue> item(String pk) {
    return table.client().getItem(r -> r.tableName(EmbeddedTable.NAME).consistentRead(true)
        .key(Map.of(Keys.PK, s(pk), Keys.SK, s(Keys.META)))).item();
  }

  private APIGatewayV2HTTPResponse call(String sample) {
    try (InputStream in = getClass().getResourceAsStream("/backup/" + sample)) {
      var event = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, getClass().getClassLoader())
          .fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      return routes.handleRequest(event, new FakeContext());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private Object job(String sample) {
    try (InputStream in = getClass().getResourceAsStream("/backup/" + sample)) {
      @SuppressWarnings("unchecked")
      Map<String, Object> input = Json.instance().mapper().readValue(in, Map.class);
      return jobs.handleRequest(input, new FakeContext());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static JsonNode body(APIGatewayV2HTTPResponse res) {
    return Json.instance().read(res.getBody(), JsonNode.class);
  }

  @Test
  void theScheduledVerification_shouldTakeTheFirstSnapshotItself_restoreIt_andPass() {
    asset("AVAILABLE", true, null);

    var report = (VerificationReport) job("job-verify.json");

    assertThat(report.status()).as(report.problems().toString()).isEqualTo("PASSED");
    assertThat(report.snapshot().items()).isEqualTo(2); // the group and the asset
    assertThat(report.snapshot().restoredItems()).isEqualTo(2);
    assertThat(report.objects().expected()).isEqualTo(1);
    assertThat(report.objects().verified()).isEqualTo(1);
    assertThat(report.retentionDays()).isEqualTo(35);
    assertThat(alarms).isEmpty();
    assertThat(table.client().listTables().tableNames()).containsExactly(EmbeddedTable.NAME); // the scratch table is gone
    assertThat(audit).extracting(AuditEvent::actor, AuditEvent::action)
        .contains(org.assertj.core.groups.Tuple.tuple("system:backup-schedule", "backup:verify"));
    var latest = call("latest-report.json");
    assertThat(latest.getStatusCode()).isEqualTo(200);
    assertThat(body(latest).path("reportId").asText()).isEqualTo(report.reportId());
  }

  @Test
  void theVerification_shouldFailNamingTheAsset_andRaiseAnAlarm_whenItsCopyIsGone() {
    asset("AVAILABLE", true, null);
    backups.purge("assets/acme/" + GROUP + "/" + ASSET);

    var res = call("verify-backups.json");

    assertThat(res.getStatusCode()).isEqualTo(200);
    JsonNode report = body(res);
    assertThat(report.path("status").asText()).isEqualTo("FAILED");
    assertThat(report.at("/objects/missing/0").asText()).isEqualTo(ASSET);
    assertThat(report.at("/objects/missingCount").asLong()).isEqualTo(1);
    assertThat(alarms).singleElement().satisfies(a -> {
      assertThat(a.type()).isEqualTo(Alarm.AlarmType.BACKUP_FAILED);
      assertThat(a.category()).isEqualTo(Alarm.IncidentCategory.PRODUCTION);
      assertThat(a.detail()).contains(report.path("reportId").asText());
    });
  }

  @Test
  void anAvailableAssetWithoutACopy_countsAsTheRecoveryPoint_andIsMissingAfterFifteenMinutes() {
    asset("AVAILABLE", false, null); // available since 08:01, now 08:05

    var fresh = (VerificationReport) job("job-verify.json");
    assertThat(fresh.rpoSeconds()).isEqualTo(240);
    assertThat(fresh.status()).isEqualTo("PASSED");

    clock.advance(Duration.ofMinutes(15));
    var late = (VerificationReport) job("job-verify.json");
    assertThat(late.status()).isEqualTo("FAILED");
    assertThat(late.objects().missing()).containsExactly(ASSET);
  }

  @Test
  void theDailyBackup_shouldCopyWhatTheStreamMissed_andPurgeCopiesPastRetention() {
    asset("AVAILABLE", false, null);

    var first = (RunResult) job("job-backup.json");
    assertThat(first.objectsCopied()).isEqualTo(1);
    assertThat(first.items()).isEqualTo(2);
    assertThat(item(Keys.asset(ASSET))).containsKey("backupVersionId");
    assertThat(((RunResult) job("job-backup.json")).objectsCopied()).isZero(); // idempotent

    // the asset deleted 36 days before now: its copy goes, once
    table.client().updateItem(r -> r.tableName(EmbeddedTable.NAME).key(Map.of(Keys.PK, s(Keys.asset(ASSET)), Keys.SK, s(Keys.META)))
        .updateExpression("SET #s = :d, deletedAt = :at").expressionAttributeNames(Map.of("#s", "status"))
        .expressionAttributeValues(Map.of(":d", s("DELETED"), ":at", s(NOW.minus(Duration.ofDays(36)).toString()))));
    var purging = (RunResult) job("job-backup.json");
    assertThat(purging.purged()).isEqualTo(1);
    assertThat(backups.versions("assets/acme/" + GROUP + "/" + ASSET)).isEmpty();
    assertThat(item(Keys.asset(ASSET))).containsKey("backupPurgedAt");
    assertThat(((RunResult) job("job-backup.json")).purged()).isZero();
    assertThat(audit).extracting(AuditEvent::action).containsOnlyOnce("asset:backup-purge");
  }

  @Test
  void restore_shouldBringADeletedAssetBack_withItsBytes_countedInItsGroup() {
    asset("DELETED", true, NOW.minus(Duration.ofDays(1)));

    var res = call("restore-asset.json");

    assertThat(res.getStatusCode()).as(res.getBody()).isEqualTo(200);
    JsonNode asset = body(res);
    assertThat(asset.path("status").asText()).isEqualTo("AVAILABLE");
    assertThat(asset.has("deletedAt")).isFalse();
    var stored = item(Keys.asset(ASSET));
    assertThat(stored.get(Keys.GSI1_PK).s()).isEqualTo(Keys.groupAssets(GROUP, false));
    assertThat(stored).doesNotContainKeys("restoringSince", "deletedAt", "deletedBy");
    assertThat(data.versions(stored.get("objectKey").s())).singleElement()
        .satisfies(v -> {
          assertThat(v.bytes()).isEqualTo(CONTENT);
          assertThat(v.versionId()).isEqualTo(stored.get("versionId").s());
        });
    assertThat(item(Keys.group(GROUP)).get(Keys.ASSET_COUNT).n()).isEqualTo("1");
    assertThat(audit).extracting(AuditEvent::action, AuditEvent::decision)
        .contains(org.assertj.core.groups.Tuple.tuple("asset:restore", AuditEvent.Decision.ALLOW));

    var again = call("restore-asset.json");
    assertThat(again.getStatusCode()).isEqualTo(409);
    assertThat(body(again).path("code").asText()).isEqualTo("NOT_DELETED");
  }

  @Test
  void restore_shouldBeRefused_pastRetention_withoutACopy_andForNonOperators() {
    asset("DELETED", true, NOW.minus(Duration.ofDays(36)));
    var expired = call("restore-asset.json");
    assertThat(expired.getStatusCode()).isEqualTo(409);
    assertThat(body(expired).path("code").asText()).isEqualTo("BACKUP_EXPIRED");

    table.client().updateItem(r -> r.tableName(EmbeddedTable.NAME).key(Map.of(Keys.PK, s(Keys.asset(ASSET)), Keys.SK, s(Keys.META)))
        .updateExpression("SET deletedAt = :at").expressionAttributeValues(Map.of(":at", s(NOW.toString()))));
    backups.purge("assets/acme/" + GROUP + "/" + ASSET);
    var missing = call("restore-asset.json");
    assertThat(missing.getStatusCode()).isEqualTo(409);
    assertThat(body(missing).path("code").asText()).isEqualTo("BACKUP_MISSING");

    var stranger = call("restore-asset-not-operator.json");
    assertThat(stranger.getStatusCode()).isEqualTo(403);
    assertThat(item(Keys.asset(ASSET)).get("status").s()).isEqualTo("DELETED");
    assertThat(data.versions("assets/acme/" + GROUP + "/" + ASSET)).isEmpty();
  }

  private void restoringSince(Instant since) {
    table.client().updateItem(r -> r.tableName(EmbeddedTable.NAME).key(Map.of(Keys.PK, s(Keys.asset(ASSET)), Keys.SK, s(Keys.META)))
        .updateExpression("SET restoringSince = :at").expressionAttributeValues(Map.of(":at", s(since.toString()))));
  }

  @Test
  void restore_shouldBeRefused_whileAnotherRestoreOfTheAssetIsUnderWay() {
    asset("DELETED", true, NOW.minus(Duration.ofDays(1)));
    restoringSince(NOW.minus(Duration.ofMinutes(1)));

    var res = call("restore-asset.json");

    assertThat(res.getStatusCode()).isEqualTo(409);
    assertThat(body(res).path("code").asText()).isEqualTo("NOT_DELETED");
    assertThat(data.versions("assets/acme/" + GROUP + "/" + ASSET)).isEmpty();
    assertThat(item(Keys.asset(ASSET)).get("restoringSince").s()).isEqualTo(NOW.minus(Duration.ofMinutes(1)).toString());
  }

  @Test
  void aRestoreThatDied_shouldLeaveNoBytesAfterTheDailyBackup_andTheAssetRestorableAgain() {
    // given: a restore began two hours ago, copied the object back and died before marking the asset
    asset("DELETED", true, NOW.minus(Duration.ofDays(1)));
    String key = "assets/acme/" + GROUP + "/" + ASSET;
    data.land(key, CONTENT, SHA);
    restoringSince(NOW.minus(Duration.ofHours(2)));

    // when
    job("job-backup.json");

    // then: the bytes of the DELETED asset are gone, and so is the record of the dead restore
    assertThat(data.versions(key)).isEmpty();
    assertThat(item(Keys.asset(ASSET))).doesNotContainKey("restoringSince");
    assertThat(audit).extracting(AuditEvent::action).contains("asset:restore-abandoned");
    // and an operator can restore it now
    var res = call("restore-asset.json");
    assertThat(res.getStatusCode()).as(res.getBody()).isEqualTo(200);
    assertThat(data.versions(key)).hasSize(1);
  }

  @Test
  void oneAssetThatCannotBeCopied_shouldNotStopThePurge_andIsNamedWithAnAlarm() {
    // an AVAILABLE asset whose verified version is gone from the data bucket: its copy fails every time
    String other = "01a20900-0000-7000-8000-00000000b00b";
    table.client().putItem(r -> r.tableName(EmbeddedTable.NAME).item(Map.of(Keys.PK, s(Keys.asset(other)),
        Keys.SK, s(Keys.META), "type", s("Asset"), "assetId", s(other), "groupId", s(GROUP), "status", s("AVAILABLE"),
        "objectKey", s("assets/acme/" + GROUP + "/" + other), "versionId", s("gone"),
        "sizeBytes", AttributeValue.fromN("10"), "sha256", s(SHA))));
    asset("DELETED", true, NOW.minus(Duration.ofDays(36)));

    var run = (RunResult) job("job-backup.json");

    assertThat(run.purged()).isEqualTo(1);
    assertThat(run.failed()).containsExactly(other);
    assertThat(alarms).singleElement().satisfies(a -> {
      assertThat(a.type()).isEqualTo(Alarm.AlarmType.BACKUP_FAILED);
      assertThat(a.detail()).contains(other);
    });
  }

  @Test
  void thePurge_shouldSpareACopyWhoseRestoreIsUnderWay() {
    asset("DELETED", true, NOW.minus(Duration.ofDays(36)));
    restoringSince(NOW.minus(Duration.ofMinutes(2)));

    var run = (RunResult) job("job-backup.json");

    assertThat(run.purged()).isZero();
    assertThat(backups.versions("assets/acme/" + GROUP + "/" + ASSET)).hasSize(1);
  }

  @Test
  void restore_shouldSayTheBackupIsMissing_forAnAssetThatWasNeverCopied() {
    asset("DELETED", false, NOW.minus(Duration.ofDays(1)));

    var res = call("restore-asset.json");

    assertThat(res.getStatusCode()).isEqualTo(409);
    assertThat(body(res).path("code").asText()).isEqualTo("BACKUP_MISSING");
  }

  @Test
  void aReport_shouldNameAtMostFiftyProblems_andCountTheRest() {
    var problems = java.util.stream.IntStream.range(0, 120).mapToObj(i -> "line " + i + " of part 0 is damaged").toList();

    var reported = BackupVerification.capped(problems);

    assertThat(reported).hasSize(51);
    assertThat(reported.getLast()).isEqualTo("70 more problems");
  }

  @Test
  void theLatestReport_shouldBe404BeforeTheFirst_andAnUnknownJobRefused() {
    assertThat(call("latest-report.json").getStatusCode()).isEqualTo(404);
    assertThatThrownBy(() -> jobs.handleRequest(Map.of("job", "everything"), new FakeContext()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
