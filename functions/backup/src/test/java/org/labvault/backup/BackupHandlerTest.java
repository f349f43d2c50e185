package org.labvault.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.config.Config;
import org.labvault.shared.testing.EmbeddedTable;
import org.labvault.shared.testing.FakeContext;
import org.labvault.shared.testing.InMemoryBackupStore;
import org.labvault.shared.testing.InMemoryObjectStore;
import org.labvault.shared.testing.TestClock;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Backup copies from the table's stream, on the sample events of events/backup. */
class BackupHandlerTest {

  static final Instant NOW = Instant.parse("2026-11-23T08:05:00Z");
  static final String ASSET = "01a20900-0000-7000-8000-00000000a55e";
  static final String GROUP = "01a207c8-24bd-7da8-965e-feee279db2cc";
  static final String KEY = "assets/acme/" + GROUP + "/" + ASSET;
  /** The 10 bytes whose SHA-256 the sample declares. */
  static final byte[] CONTENT = "a,b\n1,2\n3\n".getBytes(StandardCharsets.UTF_8);
  static final String SHA = InMemoryBackupStore.Sha256.base64(CONTENT);

  private EmbeddedTable table;
  private InMemoryObjectStore data;
  private InMemoryBackupStore backups;
  private List<AuditEvent> audit;
  private TestClock clock;
  private BackupHandler handler;

  @BeforeEach
  void setUp() {
    table = new EmbeddedTable();
    clock = new TestClock(NOW);
    data = new InMemoryObjectStore(clock);
    backups = new InMemoryBackupStore(data, new InMemoryObjectStore(clock));
    audit = new ArrayList<>();
    handler = new BackupHandler(DaggerTestBackupComponent.factory().create(config("35"), table.client(), clock, audit, backups, data,
        new org.labvault.backup.snapshot.InMemorySnapshotStore(), new ArrayList<>()));
  }

  @AfterEach
  void tearDown() {
    table.close();
  }

  static Config config(String retentionDays) {
    return Config.from(Map.of(Config.Names.TABLE_NAME, EmbeddedTable.NAME, Config.Names.DATA_BUCKET, EmbeddedTable.BUCKET,
        Config.Names.BACKUP_BUCKET, "labvault-test-backup", Config.Names.BACKUP_RETENTION_DAYS, retentionDays));
  }

  /** The sample asset as the table holds it once its upload was verified (version v1 of its key). */
  private void availableAsset() {
    assertThat(data.land(KEY, CONTENT, SHA)).isEqualTo("v1");
    Map<String, AttributeValue> item = new HashMap<>(Map.of(Keys.PK, AttributeValue.fromS(Keys.asset(ASSET)),
        Keys.SK, AttributeValue.fromS(Keys.META), "type", AttributeValue.fromS("Asset"), "assetId", AttributeValue.fromS(ASSET),
        "status", AttributeValue.fromS("AVAILABLE"), "objectKey", AttributeValue.fromS(KEY), "versionId", AttributeValue.fromS("v1"),
        "sizeBytes", AttributeValue.fromN("10"), "sha256", AttributeValue.fromS(SHA)));
    table.client().putItem(r -> r.tableName(EmbeddedTable.NAME).item(item));
  }

  private Map<String, AttributeValue> assetItem() {
    return table.client().getItem(r -> r.tableName(EmbeddedTable.NAME).consistentRead(true)
        .key(Map.of(Keys.PK, AttributeValue.fromS(Keys.asset(ASSET)), Keys.SK, AttributeValue.fromS(Keys.META)))).item();
  }

  private List<String> deliver(String sample) {
    StreamsEventResponse response = handler.handleRequest(event(sample), new FakeContext());
    return response.getBatchItemFailures().stream().map(StreamsEventResponse.BatchItemFailure::getItemIdentifier).toList();
  }

  static DynamodbEvent event(String sample) {
    try (InputStream in = BackupHandlerTest.class.getResourceAsStream("/backup/" + sample)) {
      return LambdaEventSerializers.serializerFor(DynamodbEvent.class, BackupHandlerTest.class.getClassLoader())
          .fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void anAssetBecomingAvailable_shouldBeCopiedWithTheSameBytesAndRecorded_whenDelivered() {
    // given
    availableAsset();

    // when
    List<String> failures = deliver("asset-available.json");

    // then
    assertThat(failures).isEmpty();
    assertThat(backups.versions(KEY)).singleElement().satisfies(v -> assertThat(v.bytes()).isEqualTo(CONTENT));
    var item = assetItem();
    assertThat(item.get("backupVersionId").s()).isEqualTo(backups.versions(KEY).getFirst().versionId());
    assertThat(item.get("backedUpAt").s()).isEqualTo("2026-11-23T08:05:00Z");
    assertThat(audit).singleElement().satisfies(e -> {
      assertThat(e.actor()).isEqualTo("system:backup");
      assertThat(e.action()).isEqualTo("asset:backup");
      assertThat(e.resource()).isEqualTo("asset:" + ASSET);
    });
  }

  @Test
  void aReplayedBatch_shouldMakeNoSecondCopy_whenTheFirstCopyIsGood() {
    // given
    availableAsset();
    assertThat(deliver("asset-available.json")).isEmpty();
    String firstBackedUpAt = assetItem().get("backedUpAt").s();
    clock.advance(java.time.Duration.ofMinutes(3));

    // when
    List<String> failures = deliver("asset-available.json");

    // then
    assertThat(failures).isEmpty();
    assertThat(backups.copiesMade).hasValue(1);
    assertThat(backups.versions(KEY)).hasSize(1);
    assertThat(assetItem().get("backedUpAt").s()).isEqualTo(firstBackedUpAt);
  }

  @Test
  void aCorruptCopy_shouldFailItsRecordAndRecordNothing_whenTheBytesDifferFromTheDeclaration() {
    // given
    availableAsset();
    backups.corruptCopies();

    // when
    List<String> failures = deliver("asset-available.json");

    // then
    assertThat(failures).containsExactly("100000000000000000001");
    assertThat(assetItem()).doesNotContainKeys("backupVersionId", "backedUpAt");
    assertThat(audit).isEmpty();
  }

  @Test
  void aCopyOfTheWrongSize_shouldBeReplacedByAGoodOne_whenFoundOnReplay() {
    // given: an earlier, damaged copy under the key
    availableAsset();
    backups.land(KEY, "short".getBytes(StandardCharsets.UTF_8));

    // when
    List<String> failures = deliver("asset-available.json");

    // then
    assertThat(failures).isEmpty();
    assertThat(backups.copiesMade).hasValue(1);
    assertThat(backups.versions(KEY).getLast().bytes()).isEqualTo(CONTENT);
    assertThat(assetItem().get("backupVersionId").s()).isEqualTo(backups.versions(KEY).getLast().versionId());
  }

  @Test
  void recordsOfNoInterest_shouldBeSkippedWithoutCalls_whenNoAssetBecameAvailable() {
    // given
    availableAsset();

    // when
    List<String> failures = deliver("irrelevant.json");

    // then
    assertThat(failures).isEmpty();
    assertThat(backups.calls).hasValue(0);
    assertThat(assetItem()).doesNotContainKey("backupVersionId");
    assertThat(audit).isEmpty();
  }

  @Test
  void theHandler_shouldRefuseToStart_whenTheRetentionIsUnderSevenDays() {
    assertThatThrownBy(() -> new BackupHandler(DaggerTestBackupComponent.factory()
        .create(config("6"), table.client(), clock, audit, backups, data,
            new org.labvault.backup.snapshot.InMemorySnapshotStore(), new ArrayList<>())))
        .hasMessageContaining("BACKUP_RETENTION_DAYS");
  }
}
