package org.labvault.backup.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labvault.shared.time.Times;

class SnapshotRetentionTest {

  private InMemorySnapshotStore store;
  private SnapshotRetention retention;

  @BeforeEach
  void setUp() {
    store = new InMemorySnapshotStore();
    retention = new SnapshotRetention(store);
  }

  /** A complete snapshot of one part taken on the given day of November 2026. */
  private String snapshotOn(int day) {
    Instant takenAt = Instant.parse("2026-11-01T02:00:00Z").plusSeconds((day - 1) * 86_400L);
    String id = SnapshotIds.next(takenAt);
    store.putPart(id, 0, SnapshotFixtures.gzip(new byte[0]));
    store.putManifest(new SnapshotManifest(id, "labvault-test", Times.format(takenAt), Times.format(takenAt.plusSeconds(30)),
        0, "00", "00", 1, List.of(new SnapshotManifest.Part(0, 0, "00"))));
    return id;
  }

  @Test
  void purgeOlderThan_shouldRemoveExactlyTheSnapshotsBeforeTheCutoff_whenNewerOnesRemain() {
    // given
    String day1 = snapshotOn(1);
    String day2 = snapshotOn(2);
    String day3 = snapshotOn(3);
    String day4 = snapshotOn(4);

    // when
    int purged = retention.purgeOlderThan(Instant.parse("2026-11-03T02:00:00Z"));

    // then: day 3 was taken at the cutoff, not before it
    assertThat(purged).isEqualTo(2);
    assertThat(store.manifests()).extracting(SnapshotManifest::snapshotId).containsExactly(day4, day3);
    assertThat(store.partsOf(day1)).isZero();
    assertThat(store.partsOf(day2)).isZero();
    assertThat(store.partsOf(day3)).isOne();
    assertThat(retention.oldestRestorePoint()).contains(Instant.parse("2026-11-03T02:00:00Z"));
  }

  @Test
  void purgeOlderThan_shouldKeepTheNewest_whenEverySnapshotIsOld() {
    // given
    snapshotOn(1);
    snapshotOn(2);
    String newest = snapshotOn(3);

    // when
    int purged = retention.purgeOlderThan(Instant.parse("2026-12-31T00:00:00Z"));

    // then
    assertThat(purged).isEqualTo(2);
    assertThat(store.manifests()).extracting(SnapshotManifest::snapshotId).containsExactly(newest);
    assertThat(store.partsOf(newest)).isOne();
    assertThat(retention.oldestRestorePoint()).contains(Instant.parse("2026-11-03T02:00:00Z"));
  }

  @Test
  void purgeOlderThan_shouldRemoveNothing_whenThereIsNoSnapshot() {
    assertThat(retention.purgeOlderThan(Instant.parse("2026-12-31T00:00:00Z"))).isZero();
    assertThat(retention.oldestRestorePoint()).isEmpty();
  }
}
