package org.labvault.backup.snapshot;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.labvault.backup.snapshot.adapter.DynamoTableSource;
import org.labvault.backup.snapshot.port.TableSource;
import org.labvault.shared.config.Config;
import org.labvault.shared.testing.EmbeddedTable;
import org.labvault.shared.testing.TestClock;

class SnapshotWriterTest {

  static final Instant TAKEN_AT = Instant.parse("2026-11-30T02:00:00Z");

  private EmbeddedTable table;
  private InMemorySnapshotStore store;
  private TestClock clock;

  @BeforeEach
  void setUp() {
    table = new EmbeddedTable();
    store = new InMemorySnapshotStore();
    clock = new TestClock(TAKEN_AT);
  }

  @AfterEach
  void tearDown() {
    table.close();
  }

  private SnapshotWriter writer(TableSource source) {
    return new SnapshotWriter(source, store, SnapshotFixtures.config("4"), clock);
  }

  @Test
  void take_shouldStoreEveryItemOnceWithRightCountAndDigests_whenTheTableTakesSeveralPagesPerSegment() throws Exception {
    // given
    List<String> lines = SnapshotFixtures.fill(table, 3000);
    var pages = new AtomicInteger();
    TableSource counting = (segment, total, page) ->
        new DynamoTableSource(table.client(), SnapshotFixtures.config("4")).scanSegment(segment, total, items -> {
          pages.incrementAndGet();
          page.accept(items);
        });

    // when
    SnapshotManifest manifest = writer(counting).take();

    // then: the manifest
    assertThat(pages.get()).isGreaterThan(4);
    assertThat(manifest.snapshotId()).matches("20261130T020000000Z-[0-9a-f]{8}");
    assertThat(manifest.table()).isEqualTo(EmbeddedTable.NAME);
    assertThat(manifest.takenAt()).isEqualTo("2026-11-30T02:00:00Z");
    assertThat(manifest.items()).isEqualTo(3000);
    assertThat(manifest.segments()).isEqualTo(4);
    assertThat(manifest.parts()).extracting(SnapshotManifest.Part::segment).containsExactly(0, 1, 2, 3);
    assertThat(manifest.parts().stream().mapToLong(SnapshotManifest.Part::items).sum()).isEqualTo(3000);
    assertThat(manifest.itemsDigest()).isEqualTo(itemsDigest(lines));

    // then: the parts decode back to exactly the table's items, and hash as the manifest says
    var content = new ByteArrayOutputStream();
    List<String> stored = new ArrayList<>();
    for (var part : manifest.parts()) {
      byte[] plain = SnapshotFixtures.gunzip(store.part(manifest.snapshotId(), part.segment()));
      assertThat(sha256(plain)).isEqualTo(part.sha256());
      List<String> partLines = SnapshotFixtures.lines(store.part(manifest.snapshotId(), part.segment()));
      assertThat(partLines).hasSize((int) part.items());
      stored.addAll(partLines);
      content.write(plain);
    }
    assertThat(stored).containsExactlyInAnyOrderElementsOf(lines);
    assertThat(manifest.sha256()).isEqualTo(sha256(content.toByteArray()));

    // then: the manifest came last
    assertThat(store.writes).hasSize(5).last().isEqualTo("manifest " + manifest.snapshotId());
    assertThat(store.manifests()).containsExactly(manifest);
  }

  @Test
  void take_shouldWriteEmptyPartsAndACompleteManifest_whenTheTableIsEmpty() {
    // when
    SnapshotManifest manifest = writer(new DynamoTableSource(table.client(), SnapshotFixtures.config("4"))).take();

    // then
    assertThat(manifest.items()).isZero();
    assertThat(manifest.parts()).hasSize(4).allSatisfy(p -> assertThat(p.items()).isZero());
    assertThat(manifest.sha256()).isEqualTo(sha256(new byte[0]));
    assertThat(store.manifests()).containsExactly(manifest);
  }

  @Test
  void take_shouldWriteNoManifestAndLeaveNoParts_whenOneSegmentFails() {
    // given
    SnapshotFixtures.fill(table, 200);
    var source = new DynamoTableSource(table.client(), SnapshotFixtures.config("4"));
    TableSource failingSegment2 = (segment, total, page) -> {
      if (segment == 2) {
        throw new IllegalStateException("throttled for good");
      }
      source.scanSegment(segment, total, page);
    };

    // when / then
    assertThatThrownBy(() -> writer(failingSegment2).take()).hasMessageContaining("segment 2").hasRootCauseMessage("throttled for good");
    assertThat(store.manifests()).isEmpty();
    assertThat(store.writes).noneMatch(w -> w.startsWith("manifest"));
    assertThat(store.allParts()).isZero();
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"0", "-1", "65", "four", "1.5"})
  void constructor_shouldFail_whenScanSegmentsIsNotBetween1And64(String segments) {
    assertThatThrownBy(() -> new SnapshotWriter((s, t, p) -> {}, store, SnapshotFixtures.config(segments), clock))
        .isInstanceOf(Config.ConfigException.class)
        .hasMessageContaining(Config.Names.BACKUP_SCAN_SEGMENTS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "64"})
  void take_shouldWriteOnePartPerSegment_whenScanSegmentsIsAtALimit(String segments) {
    // given
    SnapshotFixtures.fill(table, 30);
    var writer = new SnapshotWriter(new DynamoTableSource(table.client(), SnapshotFixtures.config(segments)), store,
        SnapshotFixtures.config(segments), clock);

    // when
    SnapshotManifest manifest = writer.take();

    // then
    assertThat(manifest.parts()).hasSize(Integer.parseInt(segments));
    assertThat(manifest.items()).isEqualTo(30);
  }

  static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(newSha256().digest(bytes));
  }

  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The manifest's items digest, computed here from its definition. */
  static String itemsDigest(List<String> lines) {
    List<byte[]> hashes = new ArrayList<>();
    for (String line : lines) {
      hashes.add(newSha256().digest(line.getBytes(UTF_8)));
    }
    hashes.sort(Arrays::compareUnsigned);
    MessageDigest all = newSha256();
    hashes.forEach(all::update);
    return HexFormat.of().formatHex(all.digest());
  }

  @Test
  void snapshotsTakenWithinOneSecond_shouldBeListedNewestFirst() {
    // an operator runs the backup again within a second: the drill must restore the later snapshot
    List<String> taken = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      taken.addFirst(writer(new DynamoTableSource(table.client(), SnapshotFixtures.config("4"))).take().snapshotId());
      clock.advance(java.time.Duration.ofMillis(100));
    }

    assertThat(store.manifests()).extracting(SnapshotManifest::takenAt).containsOnly("2026-11-30T02:00:00Z");
    assertThat(store.manifests()).extracting(SnapshotManifest::snapshotId).containsExactlyElementsOf(taken);
  }
}
