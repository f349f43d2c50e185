package org.labvault.backup;

import java.time.Clock;
import java.util.Optional;
import javax.inject.Inject;
import org.labvault.backup.domain.AssetBecameAvailable;
import org.labvault.backup.domain.BackupMismatchException;
import org.labvault.backup.port.BackupLedger;
import org.labvault.shared.audit.AuditAction;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.audit.AuditLog;
import org.labvault.shared.audit.AuditResource;
import org.labvault.shared.backup.port.BackupStore;
import org.labvault.shared.backup.port.BackupStore.BackupCopy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backs up one verified asset object: copies it to the backup bucket unless a good copy is there
 * already, checks the copy against the asset's declaration, and records it on the asset.
 */
final class BackupCopier {

  private static final Logger LOG = LoggerFactory.getLogger(BackupCopier.class);
  /** Who the audit trail names for copies of this function. */
  static final String ACTOR = "system:backup";

  private final BackupStore backups;
  private final BackupLedger ledger;
  private final AuditLog audit;
  private final Clock clock;

  @Inject
  BackupCopier(BackupStore backups, BackupLedger ledger, AuditLog audit, Clock clock) {
    this.backups = backups;
    this.ledger = ledger;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * @return whether bytes were copied (false when a good copy was there already)
   * @throws BackupMismatchException when the copy made is not the declared bytes
   */
  boolean backUp(AssetBecameAvailable asset, String requestId) {
    Optional<String> existing = existingGoodCopy(asset);
    String copyVersion = existing.orElseGet(() -> copy(asset));
    if (ledger.record(asset.assetId(), copyVersion, clock.instant())) {
      audit.record(AuditEvent.of(ACTOR, AuditAction.ASSET_BACKUP, AuditResource.asset(asset.assetId()),
          AuditEvent.Decision.ALLOW, requestId, clock.instant()));
    } else {
      // another delivery recorded an identical copy first, or the asset left AVAILABLE/DELETED
      LOG.info("backup copy of asset {} not recorded: another copy is recorded or the asset is gone", asset.assetId());
    }
    return existing.isEmpty();
  }

  /** A copy made before (a replayed record): the same bytes need not travel again. */
  private Optional<String> existingGoodCopy(AssetBecameAvailable asset) {
    return backups.head(asset.objectKey()).filter(copy -> matches(asset, copy)).map(BackupCopy::versionId);
  }

  private String copy(AssetBecameAvailable asset) {
    String version = backups.copyFromData(asset.objectKey(), asset.versionId());
    BackupCopy copy = backups.head(asset.objectKey(), version)
        .orElseThrow(() -> new BackupMismatchException("copy " + version + " is gone right after it was made"));
    if (!matches(asset, copy)) {
      throw new BackupMismatchException("copy " + version + " of asset " + asset.assetId()
          + " does not match its declared size and SHA-256");
    }
    return version;
  }

  private boolean matches(AssetBecameAvailable asset, BackupCopy copy) {
    return CopyCheck.matches(backups, asset.objectKey(), asset.sizeBytes(), asset.sha256(), copy);
  }
}
