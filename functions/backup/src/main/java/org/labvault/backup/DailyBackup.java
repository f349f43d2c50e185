package org.labvault.backup;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.inject.Inject;
import org.labvault.backup.domain.BackedUpAsset;
import org.labvault.backup.port.BackupLedger;
import org.labvault.backup.snapshot.SnapshotManifest;
import org.labvault.backup.snapshot.SnapshotRetention;
import org.labvault.backup.snapshot.SnapshotWriter;
import org.labvault.shared.alarm.Alarm;
import org.labvault.shared.alarm.AlarmLog;
import org.labvault.shared.asset.domain.RestoreWindow;
import org.labvault.shared.asset.port.ObjectStore;
import org.labvault.shared.audit.AuditAction;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.audit.AuditLog;
import org.labvault.shared.audit.AuditResource;
import org.labvault.shared.backup.port.BackupStore;
import org.labvault.shared.id.Ids;
import org.labvault.shared.time.Times;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily backup: a snapshot of the metadata table, a copy of every verified object the stream
 * left without one (the safety net of the copies made on the AVAILABLE transition), the purge of
 * copies and snapshots past retention, and the clean-up after restores that died. Running it twice is harmless: copies and purges are
 * idempotent, and a second snapshot is just a newer restore point.
 */
final class DailyBackup {

  private static final Logger LOG = LoggerFactory.getLogger(DailyBackup.class);
  /** Who the audit trail names for purges. */
  static final String ACTOR = "system:backup";

  /** The answer of {@code POST /ops/backups/run}. */
  record RunResult(String snapshotId, long items, Instant startedAt, Instant finishedAt, int objectsCopied,
      int purged, int snapshotsPurged, List<String> failed) {}

  private final SnapshotWriter snapshots;
  private final SnapshotRetention snapshotRetention;
  private final BackupLedger ledger;
  private final BackupCopier copier;
  private final BackupStore backups;
  private final ObjectStore objects;
  private final BackupRetention retention;
  private final ParallelChecks parallel;
  private final AlarmLog alarms;
  private final AuditLog audit;
  private final Clock clock;

  @Inject
  DailyBackup(SnapshotWriter snapshots, SnapshotRetention snapshotRetention, BackupLedger ledger, BackupCopier copier,
      BackupStore backups, ObjectStore objects, BackupRetention retention, ParallelChecks parallel, AlarmLog alarms,
      AuditLog audit, Clock clock) {
    this.snapshots = snapshots;
    this.snapshotRetention = snapshotRetention;
    this.ledger = ledger;
    this.copier = copier;
    this.backups = backups;
    this.objects = objects;
    this.retention = retention;
    this.parallel = parallel;
    this.alarms = alarms;
    this.audit = audit;
    this.clock = clock;
  }

  /** Runs the daily backup for {@code actor} (an operator, or the schedule). */
  RunResult run(String actor, String requestId) {
    Instant startedAt = clock.instant();
    SnapshotManifest snapshot = snapshots.take();
    Queue<BackedUpAsset> uncopied = new ConcurrentLinkedQueue<>();
    Queue<BackedUpAsset> expired = new ConcurrentLinkedQueue<>();
    Queue<BackedUpAsset> abandoned = new ConcurrentLinkedQueue<>();
    ledger.forEachAsset(a -> {
      if (a.available() && a.backupVersionId() == null && a.versionId() != null) {
        uncopied.add(a);
      }
      // a restore under way began before expiry: its source stays until it ends
      if (a.hasCopy() && a.expired(startedAt, retention.retention()) && !RestoreWindow.underWay(a.restoringSince(), startedAt)) {
        expired.add(a);
      }
      if (a.restoreAbandoned(startedAt)) {
        abandoned.add(a);
      }
    });
    List<BackedUpAsset> failed = new ArrayList<>(parallel.forEach(List.copyOf(abandoned), a -> removeAbandonedRestore(a, requestId)));
    AtomicInteger copied = new AtomicInteger();
    failed.addAll(parallel.forEach(List.copyOf(uncopied), a -> {
      if (copier.backUp(a.toCopy(), requestId)) {
        copied.incrementAndGet();
      }
    }));
    AtomicInteger purged = new AtomicInteger();
    failed.addAll(parallel.forEach(List.copyOf(expired), a -> {
      if (purge(a, requestId)) {
        purged.incrementAndGet();
      }
    }));
    int snapshotsPurged = snapshotRetention.purgeOlderThan(startedAt.minus(retention.retention()));
    Instant finishedAt = clock.instant();
    List<String> failedIds = failed.stream().map(BackedUpAsset::assetId).distinct().sorted().toList();
    if (!failedIds.isEmpty()) {
      // the others went ahead; these are tried again by the next run
      alarms.raise(Alarm.of(Ids.newId(clock), finishedAt, Alarm.AlarmType.BACKUP_FAILED, ACTOR, "daily backup "
          + snapshot.snapshotId() + ": " + failedIds.size() + " assets could not be copied, purged or cleaned up, e.g. "
          + failedIds.stream().limit(10).toList()));
    }
    audit.record(AuditEvent.of(actor, AuditAction.BACKUP_RUN, AuditResource.snapshot(snapshot.snapshotId()),
        AuditEvent.Decision.ALLOW, requestId, finishedAt));
    LOG.info("daily backup: snapshot {} of {} items, {} objects copied, {} copies and {} snapshots purged",
        snapshot.snapshotId(), snapshot.items(), copied.get(), purged.get(), snapshotsPurged);
    return new RunResult(snapshot.snapshotId(), snapshot.items(), Times.seconds(startedAt), Times.seconds(finishedAt),
        copied.get(), purged.get(), snapshotsPurged, failedIds);
  }

  /**
   * A restore that died after copying may have left bytes of a DELETED asset in the data bucket;
   * they go first, then the record of the restore (a failure in between is finished by the next run).
   */
  private void removeAbandonedRestore(BackedUpAsset asset, String requestId) {
    // claimed like a restore first: an operator's new restore that began meanwhile keeps its bytes
    Instant claimed = Times.seconds(clock.instant());
    if (!ledger.beginRestore(asset, claimed)) {
      return;
    }
    int removed = objects.deleteAllVersions(asset.objectKey());
    ledger.endRestore(asset, claimed);
    LOG.warn("restore of asset {} begun at {} was abandoned; {} object versions removed", asset.assetId(),
        asset.restoringSince(), removed);
    audit.record(AuditEvent.of(ACTOR, AuditAction.ASSET_RESTORE_ABANDONED, AuditResource.asset(asset.assetId()),
        AuditEvent.Decision.ALLOW, requestId, clock.instant()));
  }

  /** The versions go first: a purge that fails after that is finished by the next run. */
  private boolean purge(BackedUpAsset asset, String requestId) {
    backups.purge(asset.objectKey());
    if (!ledger.markPurged(asset, clock.instant())) {
      return false; // another run purged it first
    }
    audit.record(AuditEvent.of(ACTOR, AuditAction.ASSET_BACKUP_PURGE, AuditResource.asset(asset.assetId()),
        AuditEvent.Decision.ALLOW, requestId, clock.instant()));
    return true;
  }
}
