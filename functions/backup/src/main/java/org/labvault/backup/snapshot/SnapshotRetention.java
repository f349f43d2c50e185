package org.labvault.backup.snapshot;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.labvault.backup.snapshot.port.SnapshotStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Removes snapshots past the retention, always keeping the newest: a restore point must remain. */
public final class SnapshotRetention {

  private static final Logger LOG = LoggerFactory.getLogger(SnapshotRetention.class);

  private final SnapshotStore store;

  @Inject
  public SnapshotRetention(SnapshotStore store) {
    this.store = store;
  }

  /** Deletes the complete snapshots taken before {@code cutoff}, except the newest. @return how many */
  public int purgeOlderThan(Instant cutoff) {
    List<SnapshotManifest> newestFirst = store.manifests().stream().sorted(SnapshotManifest.NEWEST_FIRST).toList();
    int purged = 0;
    for (SnapshotManifest old : newestFirst.stream().skip(1).filter(m -> m.takenAtInstant().isBefore(cutoff)).toList()) {
      int objects = store.delete(old.snapshotId());
      LOG.info("snapshot {} taken at {} purged: {} objects removed", old.snapshotId(), old.takenAt(), objects);
      purged++;
    }
    return purged;
  }

  /** When the oldest snapshot still kept was taken; empty when there is none. */
  public Optional<Instant> oldestRestorePoint() {
    return store.manifests().stream().map(SnapshotManifest::takenAtInstant).min(Comparator.naturalOrder());
  }
}
