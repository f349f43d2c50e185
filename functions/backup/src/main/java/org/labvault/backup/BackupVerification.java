package org.labvault.backup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import javax.inject.Inject;
import org.labvault.backup.domain.BackedUpAsset;
import org.labvault.backup.domain.VerificationReport;
import org.labvault.backup.domain.VerificationReport.ObjectCheck;
import org.labvault.backup.domain.VerificationReport.SnapshotCheck;
import org.labvault.backup.port.BackupLedger;
import org.labvault.backup.port.BackupReports;
import org.labvault.backup.snapshot.DrillResult;
import org.labvault.backup.snapshot.RestoreDrill;
import org.labvault.backup.snapshot.SnapshotManifest;
import org.labvault.backup.snapshot.SnapshotRetention;
import org.labvault.backup.snapshot.SnapshotWriter;
import org.labvault.backup.snapshot.port.SnapshotStore;
import org.labvault.shared.alarm.Alarm;
import org.labvault.shared.alarm.AlarmLog;
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
 * The daily proof that backups can be restored: the newest snapshot restored into a scratch table
 * and compared, and every backup copy that should exist checked against its asset's declaration.
 * The report is stored for operators; a FAILED one raises an alarm.
 */
final class BackupVerification {

  private static final Logger LOG = LoggerFactory.getLogger(BackupVerification.class);
  /** Who the audit trail and the alarms name for the scheduled check. */
  static final String ACTOR = "system:backup-verify";
  /** Copies are made within minutes of an upload; an asset waiting longer has lost its copy. */
  static final Duration COPY_DEADLINE = Duration.ofMinutes(15);
  /** A daily snapshot, with an hour's margin and another for a slow run. */
  static final Duration SNAPSHOT_MAX_AGE = Duration.ofHours(26);
  /** Problems a report names at most. */
  static final int MAX_PROBLEMS = 50;

  private final SnapshotStore snapshotStore;
  private final SnapshotWriter snapshots;
  private final SnapshotRetention snapshotRetention;
  private final RestoreDrill drill;
  private final BackupLedger ledger;
  private final BackupStore backups;
  private final BackupRetention retention;
  private final BackupReports reports;
  private final ParallelChecks parallel;
  private final AlarmLog alarms;
  private final AuditLog audit;
  private final Clock clock;

  @Inject
  BackupVerification(SnapshotStore snapshotStore, SnapshotWriter snapshots, SnapshotRetention snapshotRetention,
      RestoreDrill drill, BackupLedger ledger, BackupStore backups, BackupRetention retention, BackupReports reports,
      ParallelChecks parallel, AlarmLog alarms, AuditLog audit, Clock clock) {
    this.snapshotStore = snapshotStore;
    this.snapshots = snapshots;
    this.snapshotRetention = snapshotRetention;
    this.drill = drill;
    this.ledger = ledger;
    this.backups = backups;
    this.retention = retention;
    this.reports = reports;
    this.parallel = parallel;
    this.alarms = alarms;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Runs the verification for {@code actor} (an operator, or the schedule) and stores its report.
   * Whatever breaks on the way is a problem of a FAILED report with its alarm, never a silent failure.
   */
  VerificationReport verify(String actor, String requestId) {
    Instant startedAt = clock.instant();
    List<String> problems = new ArrayList<>();
    SnapshotManifest newest = newestSnapshot(problems);
    long drillStart = System.nanoTime();
    DrillResult drilled = newest == null ? null : drill(newest, startedAt, problems);
    long drillMs = (System.nanoTime() - drillStart) / 1_000_000;
    long objectsStart = System.nanoTime();
    CopyFindings found = new CopyFindings();
    try {
      checkObjects(startedAt, found);
    } catch (RuntimeException e) {
      problems.add("the assets could not be read: " + e);
    }
    long objectsMs = (System.nanoTime() - objectsStart) / 1_000_000;
    if (found.missing.size() + found.corrupt.size() > 0) {
      problems.add(found.missing.size() + " backup copies missing and " + found.corrupt.size() + " not matching their asset");
    }
    if (!found.unchecked.isEmpty()) {
      problems.add(found.unchecked.size() + " backup copies could not be checked (S3 failed), e.g. "
          + found.unchecked.stream().limit(10).toList());
    }
    Instant finishedAt = clock.instant();
    List<String> reported = capped(problems);
    VerificationReport report = new VerificationReport(Ids.newId(clock),
        problems.isEmpty() ? VerificationReport.PASSED : VerificationReport.FAILED, Times.seconds(startedAt),
        Times.seconds(finishedAt),
        drilled == null ? null : new SnapshotCheck(drilled.snapshotId(), Times.seconds(drilled.takenAt()), drilled.items(),
            drilled.restoredItems(), drilled.mismatches()),
        found.check(), retention.retention().toDays(), Times.seconds(oldestRestorePoint(newest)),
        found.rpoSeconds.get(), drilled == null ? null : rtoPer10000(drilled),
        new VerificationReport.Timings(drillMs, objectsMs), reported);
    reports.save(report);
    audit.record(AuditEvent.of(actor, AuditAction.BACKUP_VERIFY, AuditResource.backupReport(report.reportId()),
        report.passed() ? AuditEvent.Decision.ALLOW : AuditEvent.Decision.DENY, requestId, finishedAt));
    if (!report.passed()) {
      alarms.raise(Alarm.of(Ids.newId(clock), finishedAt, Alarm.AlarmType.BACKUP_FAILED, ACTOR,
          "backup verification " + report.reportId() + " FAILED: " + String.join("; ", reported.stream().limit(5).toList())));
    }
    LOG.info("backup verification {}: {} ({} copies checked, drill in {} ms)", report.reportId(), report.status(),
        found.expected.get(), drillMs);
    return report;
  }

  /** The newest complete snapshot; the first verification of a deployment makes the restore point it needs. */
  private SnapshotManifest newestSnapshot(List<String> problems) {
    try {
      return snapshotStore.manifests().stream().findFirst().orElseGet(snapshots::take);
    } catch (RuntimeException e) {
      problems.add("no snapshot could be read or taken: " + e);
      return null;
    }
  }

  private DrillResult drill(SnapshotManifest newest, Instant now, List<String> problems) {
    if (newest.takenAtInstant().isBefore(now.minus(SNAPSHOT_MAX_AGE))) {
      problems.add("the newest snapshot " + newest.snapshotId() + " was taken at " + newest.takenAt()
          + ": the daily backup has not run for more than a day");
    }
    DrillResult drilled = drill.run(newest);
    problems.addAll(drilled.problems());
    if (drilled.problems().isEmpty() && !drilled.passed()) {
      problems.add("the restore drill of snapshot " + drilled.snapshotId() + " restored " + drilled.restoredItems()
          + " of " + drilled.items() + " items with " + drilled.mismatches() + " mismatches");
    }
    return drilled;
  }

  private Instant oldestRestorePoint(SnapshotManifest newest) {
    try {
      return snapshotRetention.oldestRestorePoint().orElse(newest == null ? null : newest.takenAtInstant());
    } catch (RuntimeException e) {
      return newest == null ? null : newest.takenAtInstant();
    }
  }

  /** A report is one item (at most 400 KB): a damaged snapshot may name every line, the report names the first. */
  static List<String> capped(List<String> problems) {
    if (problems.size() <= MAX_PROBLEMS) {
      return List.copyOf(problems);
    }
    List<String> first = new ArrayList<>(problems.subList(0, MAX_PROBLEMS));
    first.add((problems.size() - MAX_PROBLEMS) + " more problems");
    return List.copyOf(first);
  }

  /** What the check of the copies found; filled from several threads. */
  private static final class CopyFindings {
    final AtomicLong expected = new AtomicLong();
    final AtomicLong verified = new AtomicLong();
    final AtomicLong rpoSeconds = new AtomicLong();
    final Queue<String> missing = new ConcurrentLinkedQueue<>();
    final Queue<String> corrupt = new ConcurrentLinkedQueue<>();
    final Queue<String> unchecked = new ConcurrentLinkedQueue<>();

    ObjectCheck check() {
      return new ObjectCheck(expected.get(), verified.get(), listed(missing), listed(corrupt), missing.size(),
          corrupt.size());
    }

    private static List<String> listed(Queue<String> ids) {
      return ids.stream().sorted().limit(ObjectCheck.LISTED).toList();
    }
  }

  private void checkObjects(Instant now, CopyFindings found) {
    Queue<BackedUpAsset> toCheck = new ConcurrentLinkedQueue<>();
    ledger.forEachAsset(a -> {
      if (a.copyExpected(now, retention.retention())) {
        toCheck.add(a);
      } else if (a.available() && a.backupVersionId() == null && a.availableAt() != null) {
        long waiting = Duration.between(a.availableAt(), now).toSeconds();
        found.rpoSeconds.accumulateAndGet(waiting, Math::max);
        if (waiting > COPY_DEADLINE.toSeconds()) {
          found.expected.incrementAndGet();
          found.missing.add(a.assetId());
        }
      }
    });
    found.expected.addAndGet(toCheck.size());
    List<BackedUpAsset> failed = parallel.forEach(List.copyOf(toCheck), a -> {
      // the copy under the asset's key now: what was removed or overwritten behind LabVault's back shows here
      var copy = backups.head(a.objectKey());
      if (copy.isEmpty()) {
        found.missing.add(a.assetId());
      } else if (CopyCheck.matches(backups, a.objectKey(), a.sizeBytes(), a.sha256(), copy.get())) {
        found.verified.incrementAndGet();
      } else {
        found.corrupt.add(a.assetId());
      }
    });
    failed.forEach(a -> found.unchecked.add(a.assetId()));
  }

  private static Double rtoPer10000(DrillResult drilled) {
    if (drilled.restoreTime() == null || drilled.items() == 0) {
      return null;
    }
    return Math.round(drilled.restoreTime().toMillis() * 10_000.0 / drilled.items()) / 1000.0;
  }
}
