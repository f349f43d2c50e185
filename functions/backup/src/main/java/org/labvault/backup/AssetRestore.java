package org.labvault.backup;

import java.time.Clock;
import java.time.Instant;
import javax.inject.Inject;
import org.labvault.backup.domain.BackedUpAsset;
import org.labvault.backup.port.BackupLedger;
import org.labvault.shared.asset.domain.Asset;
import org.labvault.shared.asset.port.AssetRepository;
import org.labvault.shared.asset.port.ObjectStore;
import org.labvault.shared.audit.AuditAction;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.audit.AuditLog;
import org.labvault.shared.audit.AuditResource;
import org.labvault.shared.auth.Caller;
import org.labvault.shared.backup.port.BackupStore;
import org.labvault.shared.backup.port.BackupStore.BackupCopy;
import org.labvault.shared.error.ConflictException;
import org.labvault.shared.error.ErrorCode;
import org.labvault.shared.error.NotFoundException;
import org.labvault.shared.time.Times;

/**
 * An operator brings a DELETED asset back from its backup copy while the copy is retained: the
 * copy goes back into the data bucket, is checked, and the asset is AVAILABLE again. Its app links
 * stay deleted: the applications were told and have removed their copies.
 */
final class AssetRestore {

  private final BackupLedger ledger;
  private final BackupStore backups;
  private final ObjectStore objects;
  private final AssetRepository assets;
  private final BackupRetention retention;
  private final AuditLog audit;
  private final Clock clock;

  @Inject
  AssetRestore(BackupLedger ledger, BackupStore backups, ObjectStore objects, AssetRepository assets,
      BackupRetention retention, AuditLog audit, Clock clock) {
    this.ledger = ledger;
    this.backups = backups;
    this.objects = objects;
    this.assets = assets;
    this.retention = retention;
    this.audit = audit;
    this.clock = clock;
  }

  Asset restore(Caller operator, String assetId) {
    BackedUpAsset asset = ledger.find(assetId).orElseThrow(() -> new NotFoundException("no such asset"));
    if (!asset.deleted()) {
      throw refused(operator, asset, ErrorCode.NOT_DELETED, "only a DELETED asset can be restored; this one is " + asset.status());
    }
    if (asset.backupVersionId() == null) {
      throw refused(operator, asset, ErrorCode.BACKUP_MISSING, "this asset was never backed up (deleted before its copy was made)");
    }
    if (!asset.hasCopy() || asset.expired(clock.instant(), retention.retention())) {
      throw refused(operator, asset, ErrorCode.BACKUP_EXPIRED, "the backup copy is kept " + retention.retention().toDays()
          + " days after deletion; this asset was deleted at " + asset.deletedAt());
    }
    BackupCopy copy = backups.head(asset.objectKey(), asset.backupVersionId())
        .filter(c -> CopyCheck.matches(backups, asset.objectKey(), asset.sizeBytes(), asset.sha256(), c))
        .orElseThrow(() -> refused(operator, asset, ErrorCode.BACKUP_MISSING,
            "the backup copy is gone or does not match the asset; see the latest backup report"));
    // recorded first: the copy lands (a large one as a completed upload) while the asset is still DELETED
    Instant since = Times.seconds(clock.instant());
    if (!ledger.beginRestore(asset, since)) {
      throw refused(operator, asset, ErrorCode.NOT_DELETED, "the asset is being restored, or was restored or purged meanwhile");
    }
    String dataVersion = null;
    try {
      dataVersion = backups.restoreToData(asset.objectKey(), copy.versionId());
      requireLanded(asset, dataVersion);
      finish(operator, asset, since, dataVersion);
    } catch (RuntimeException e) {
      if (dataVersion != null) {
        objects.delete(asset.objectKey(), dataVersion);
      }
      ledger.endRestore(asset, since);
      throw e;
    }
    audit.record(AuditEvent.of(operator.userId(), AuditAction.ASSET_RESTORE, AuditResource.asset(assetId),
        AuditEvent.Decision.ALLOW, operator.requestId(), clock.instant()));
    return assets.find(assetId).orElseThrow();
  }

  private void requireLanded(BackedUpAsset asset, String dataVersion) {
    boolean landed = objects.head(asset.objectKey(), dataVersion)
        .filter(o -> o.sizeBytes() == asset.sizeBytes() && sha256(asset, o).equals(asset.sha256())).isPresent();
    if (!landed) {
      throw new IllegalStateException("the restored object of asset " + asset.assetId() + " does not match its declaration");
    }
  }

  /** The state change; a refusal here leaves the copied bytes to the caller's clean-up. */
  private void finish(Caller operator, BackedUpAsset asset, Instant since, String dataVersion) {
    switch (ledger.restore(asset, since, dataVersion, clock.instant(), operator.userId())) {
      case RESTORED -> { }
      case NOT_DELETED -> {
        // a commit whose answer was lost and retried fails its own condition: it is this restore's
        if (!restoredWith(asset.assetId(), dataVersion)) {
          throw refused(operator, asset, ErrorCode.NOT_DELETED, "the asset was restored or purged meanwhile");
        }
      }
      case GROUP_GONE -> throw refused(operator, asset, ErrorCode.GROUP_DELETED, "the asset's group is deleted or being deleted");
    }
  }

  private boolean restoredWith(String assetId, String dataVersion) {
    return ledger.find(assetId).filter(a -> a.available() && dataVersion.equals(a.versionId())).isPresent();
  }

  private String sha256(BackedUpAsset asset, ObjectStore.StoredObject o) {
    return o.sha256() != null ? o.sha256() : objects.sha256(asset.objectKey(), o.versionId());
  }

  private ConflictException refused(Caller operator, BackedUpAsset asset, ErrorCode code, String detail) {
    audit.record(AuditEvent.of(operator.userId(), AuditAction.ASSET_RESTORE, AuditResource.asset(asset.assetId()),
        AuditEvent.Decision.DENY, operator.requestId(), clock.instant()));
    return new ConflictException(code, detail);
  }
}
