package org.labvault.backup;

import java.time.Clock;
import java.time.Instant;
import javax.inject.Inject;
import org.labvault.backup.domain.BackedUpAsset;
import org.labvault.backup.port.BackupLedger;
import org.labvault.shared.asset.domain.Asset;
import org.labvault.shared.asset.port.AssetRepository;
import org.labvault.shared.asset.port.ObjectStore;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.audit.AuditLog;
import org.labvault.shared.auth.Caller;
import org.labvault.shared.backup.port.BackupStore;
import org.labvault.shared.backup.port.BackupStore.BackupCopy;
import org.labvault.shared.error.ConflictException;
import org.labvault.shared.error.NotFoundException;

/**
 * An operator brings a DELETED asset back from its backup copy while the copy is retained: the
 * copy goes back into the data bucket, is checked, and the asset is AVAILABLE again. Its app links
 * stay deleted: the applications were told and have removed their copies.
 */
final class AssetRestore {

  static final String NOT_DELETED = "NOT_DELETED";
  static final String BACKUP_EXPIRED = "BACKUP_EXPIRED";
  static final String BACKUP_MISSING = "BACKUP_MISSING";
  static final String GROUP_DELETED = "GROUP_DELETED";
  static final String RESTORE_TOO_LARGE = "RESTORE_TOO_LARGE";

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
      throw refused(operator, asset, NOT_DELETED, "only a DELETED asset can be restored; this one is " + asset.status());
    }
    if (!asset.hasCopy() || asset.expired(clock.instant(), retention.retention())) {
      throw refused(operator, asset, BACKUP_EXPIRED, "the backup copy is kept " + retention.retention().toDays()
          + " days after deletion; this asset was deleted at " + asset.deletedAt());
    }
    if (asset.sizeBytes() > BackupStore.SINGLE_COPY_MAX_BYTES) {
      // a copy in parts would reach the upload verifier as a completed upload of a DELETED asset,
      // which removes such bytes as late ones before the restore could mark the asset AVAILABLE
      throw refused(operator, asset, RESTORE_TOO_LARGE, "assets over 5 GiB are not restored by this route yet;"
          + " the backup copy is kept (see the README's backups section)");
    }
    BackupCopy copy = backups.head(asset.objectKey(), asset.backupVersionId())
        .filter(c -> CopyCheck.matches(backups, asset.objectKey(), asset.sizeBytes(), asset.sha256(), c))
        .orElseThrow(() -> refused(operator, asset, BACKUP_MISSING,
            "the backup copy is gone or does not match the asset; see the latest backup report"));
    String dataVersion = backups.restoreToData(asset.objectKey(), copy.versionId());
    boolean landed = objects.head(asset.objectKey(), dataVersion)
        .filter(o -> o.sizeBytes() == asset.sizeBytes() && sha256(asset, o).equals(asset.sha256())).isPresent();
    if (!landed) {
      objects.delete(asset.objectKey(), dataVersion);
      throw new IllegalStateException("the restored object of asset " + assetId + " does not match its declaration");
    }
    Instant now = clock.instant();
    switch (ledger.restore(asset, dataVersion, now, operator.userId())) {
      case RESTORED -> { }
      case NOT_DELETED -> {
        objects.delete(asset.objectKey(), dataVersion); // a concurrent restore (or purge) won
        throw refused(operator, asset, NOT_DELETED, "the asset was restored or purged meanwhile");
      }
      case GROUP_GONE -> {
        objects.delete(asset.objectKey(), dataVersion);
        throw refused(operator, asset, GROUP_DELETED, "the asset's group is deleted or being deleted");
      }
    }
    audit.record(new AuditEvent(operator.userId(), "asset:restore", "asset:" + assetId, AuditEvent.Decision.ALLOW,
        null, operator.requestId(), now));
    return assets.find(assetId).orElseThrow();
  }

  private String sha256(BackedUpAsset asset, ObjectStore.StoredObject o) {
    return o.sha256() != null ? o.sha256() : objects.sha256(asset.objectKey(), o.versionId());
  }

  private ConflictException refused(Caller operator, BackedUpAsset asset, String code, String detail) {
    audit.record(new AuditEvent(operator.userId(), "asset:restore", "asset:" + asset.assetId(), AuditEvent.Decision.DENY,
        null, operator.requestId(), clock.instant()));
    return new ConflictException(code, detail);
  }
}
