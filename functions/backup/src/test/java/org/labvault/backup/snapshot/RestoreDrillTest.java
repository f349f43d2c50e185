package org.labvault.backup.snapshot;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labvault.backup.snapshot.adapter.DynamoScratchTables;
import org.labvault.backup.snapshot.adapter.DynamoTableSource;
import org.labvault.backup.snapshot.port.ScratchTables;
import org.labvault.shared.testing.EmbeddedTable;
import org.labvault.shared.testing.TestClock;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class RestoreDrillTest {

  static final int ITEMS = 2000;

  private EmbeddedTable table;
  private InMemorySnapshotStore store;
  private RecordingScratchTables scratch;
  private SnapshotManifest snapshot;

  @BeforeEach
  void setUp() {
    table = new EmbeddedTable();
    store = new InMemorySnapshotStore();
    SnapshotFixtures.fill(table, ITEMS);
    var config = SnapshotFixtures.config("4");
    snapshot = new SnapshotWriter(new DynamoTableSource(table.client(), config), store, config,
        new TestClock(Instant.parse("2026-11-30T02:00:00Z"))).take();
    scratch = new RecordingScratchTables(new DynamoScratchTables(table.client(), config));
  }

  @AfterEach
  void tearDown() {
    table.close();
  }

  private DrillResult drill() {
    return new RestoreDrill(store, scratch).run(snapshot);
  }

  private List<String> tables() {
    return table.client().listTables().tableNames();
  }

  private String scratchTableName() {
    return SnapshotFixtures.DRILL_PREFIX + scratch.created.getFirst();
  }

  @Test
  void run_shouldPassAndDropTheScratchTable_whenTheSnapshotIsIntact() {
    // when
    DrillResult result = drill();

    // then
    assertThat(result.problems()).isEmpty();
    assertThat(result.passed()).isTrue();
    assertThat(result.snapshotId()).isEqualTo(snapshot.snapshotId());
    assertThat(result.takenAt()).isEqualTo(Instant.parse("2026-11-30T02:00:00Z"));
    assertThat(result.items()).isEqualTo(ITEMS);
    assertThat(result.restoredItems()).isEqualTo(ITEMS);
    assertThat(result.mismatches()).isZero();
    assertThat(result.restoreTime()).isPositive();
    assertThat(scratch.created).singleElement().asString().startsWith(snapshot.snapshotId().toLowerCase());
    assertThat(scratch.dropped).isEqualTo(scratch.created);
    assertThat(tables()).containsExactly(EmbeddedTable.NAME);
  }

  @Test
  void run_shouldNameThePart_whenOneByteOfItChanged() {
    // given
    byte[] part = store.part(snapshot.snapshotId(), 2);
    part[part.length / 2] ^= 0x01;
    store.replacePart(snapshot.snapshotId(), 2, part);

    // when
    DrillResult result = drill();

    // then
    assertThat(result.passed()).isFalse();
    assertThat(result.problems()).anySatisfy(p -> assertThat(p).startsWith("part 2 of snapshot " + snapshot.snapshotId() + ":"));
    assertThat(result.problems()).noneMatch(p -> p.startsWith("part 0") || p.startsWith("part 1") || p.startsWith("part 3"));
    assertThat(tables()).containsExactly(EmbeddedTable.NAME);
  }

  @Test
  void run_shouldSayThePartDiffersFromTheManifest_whenOneLineOfItWasAltered() {
    // given: a line of part 1 rewritten with another label, gzipped again as a forger would
    List<String> lines = new ArrayList<>(SnapshotFixtures.lines(store.part(snapshot.snapshotId(), 1)));
    lines.set(3, lines.get(3).replace("Probe", "Forged"));
    store.replacePart(snapshot.snapshotId(), 1, SnapshotFixtures.gzip((String.join("\n", lines) + "\n").getBytes(UTF_8)));

    // when
    DrillResult result = drill();

    // then
    assertThat(result.passed()).isFalse();
    assertThat(result.problems()).contains("part 1 of snapshot " + snapshot.snapshotId() + ": SHA-256 differs from the manifest",
        "snapshot " + snapshot.snapshotId() + ": SHA-256 of the content differs from the manifest");
    assertThat(result.problems()).anyMatch(p -> p.contains("items digest"));
    assertThat(tables()).containsExactly(EmbeddedTable.NAME);
  }

  @Test
  void run_shouldNameThePartAndRestoreTheRest_whenAPartIsMissing() {
    // given
    long inPart3 = snapshot.parts().get(3).items();
    store.removePart(snapshot.snapshotId(), 3);

    // when
    DrillResult result = drill();

    // then
    assertThat(result.passed()).isFalse();
    assertThat(result.problems()).anySatisfy(p -> assertThat(p).startsWith("part 3 of snapshot " + snapshot.snapshotId() + ": unreadable"));
    assertThat(result.restoredItems()).isEqualTo(ITEMS - inPart3);
    assertThat(result.items()).isEqualTo(ITEMS);
    assertThat(tables()).containsExactly(EmbeddedTable.NAME);
  }

  @Test
  void run_shouldCountAMismatch_whenAnItemChangedInTheScratchTableAfterWriting() {
    // given
    scratch.beforeScan = name -> table.client().updateItem(r -> r.tableName(name).key(key(7))
        .updateExpression("SET #n = :n").expressionAttributeNames(Map.of("#n", "n"))
        .expressionAttributeValues(Map.of(":n", AttributeValue.fromN("-7"))));

    // when
    DrillResult result = drill();

    // then
    assertThat(result.mismatches()).isEqualTo(1);
    assertThat(result.restoredItems()).isEqualTo(ITEMS);
    assertThat(result.passed()).isFalse();
    assertThat(tables()).containsExactly(EmbeddedTable.NAME);
  }

  @Test
  void run_shouldCountMissingAndStrangeItems_whenTheScratchTableLostOneAndGainedAnother() {
    // given
    scratch.beforeScan = name -> {
      table.client().deleteItem(r -> r.tableName(name).key(key(11)));
      table.client().putItem(r -> r.tableName(name).item(Map.of("pk", AttributeValue.fromS("GROUP#x"), "sk", AttributeValue.fromS("STRANGER"))));
    };

    // when
    DrillResult result = drill();

    // then
    assertThat(result.mismatches()).isEqualTo(2);
    assertThat(result.restoredItems()).isEqualTo(ITEMS);
    assertThat(result.passed()).isFalse();
  }

  @Test
  void run_shouldReportTheFailureAndStillDrop_whenTheScratchTableCannotBeWritten() {
    // given
    scratch.failWrites = true;

    // when
    DrillResult result = drill();

    // then
    assertThat(result.passed()).isFalse();
    assertThat(result.problems()).anySatisfy(p -> assertThat(p).contains("restore of snapshot " + snapshot.snapshotId())
        .contains("write refused"));
    assertThat(scratch.dropped).isEqualTo(scratch.created);
    assertThat(tables()).containsExactly(EmbeddedTable.NAME);
  }

  private static Map<String, AttributeValue> key(int i) {
    var item = SnapshotFixtures.item(i);
    return Map.of("pk", item.get("pk"), "sk", item.get("sk"));
  }

  /** The real scratch tables, recording what the drill asks, with a hook to meddle before the read back. */
  private final class RecordingScratchTables implements ScratchTables {
    private final ScratchTables real;
    final List<String> created = Collections.synchronizedList(new ArrayList<>());
    final List<String> dropped = Collections.synchronizedList(new ArrayList<>());
    Consumer<String> beforeScan = name -> {};
    volatile boolean failWrites;

    RecordingScratchTables(ScratchTables real) {
      this.real = real;
    }

    @Override
    public void create(String name) {
      created.add(name);
      real.create(name);
      assertThat(tables()).contains(SnapshotFixtures.DRILL_PREFIX + name);
    }

    @Override
    public void write(String name, List<String> items) {
      if (failWrites) {
        throw new IllegalStateException("write refused");
      }
      real.write(name, items);
    }

    @Override
    public void scan(String name, int totalSegments, Consumer<List<String>> page) {
      beforeScan.accept(scratchTableName());
      real.scan(name, totalSegments, page);
    }

    @Override
    public void drop(String name) {
      dropped.add(name);
      real.drop(name);
    }
  }
}
