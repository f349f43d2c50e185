package org.labvault.backup.domain;

import java.time.Duration;
import java.time.Instant;
import org.labvault.shared.asset.domain.RestoreWindow;

/**
 * What the backup jobs know of one asset: its verified object, its state, and its backup copy.
 *
 * @param status the asset's status name (PENDING_UPLOAD, AVAILABLE, REJECTED, DELETED)
 * @param availableAt when its upload was verified (its creation time for assets verified before
 *     this was kept); null while not verified
 * @param backupVersionId the version of its recorded backup copy, or null when none is recorded
 * @param backupPurgedAt when its copy was purged past retention, or null
 * @param restoringSince when an operator's restore began copying it back, while one is recorded; else null
 */
public record BackedUpAsset(String assetId, String groupId, String objectKey, String versionId, long sizeBytes,
    String sha256, String status, Instant availableAt, Instant deletedAt, String backupVersionId,
    Instant backupPurgedAt, Instant restoringSince) {

  public static final String AVAILABLE = "AVAILABLE";
  public static final String DELETED = "DELETED";

  public boolean available() {
    return AVAILABLE.equals(status);
  }

  public boolean deleted() {
    return DELETED.equals(status);
  }

  public boolean hasCopy() {
    return backupVersionId != null && backupPurgedAt == null;
  }

  /** Deleted, with a copy, and deleted at least {@code retention} before {@code now}. */
  public boolean expired(Instant now, Duration retention) {
    return deleted() && deletedAt != null && deletedAt.plus(retention).isBefore(now);
  }

  /** The copy that must exist now: of every available asset, and of deleted ones within retention. */
  public boolean copyExpected(Instant now, Duration retention) {
    return (available() && hasCopy()) || (deleted() && hasCopy() && !expired(now, retention));
  }

  /** A restore began and died (its window passed): the bytes it may have copied back must go. */
  public boolean restoreAbandoned(Instant now) {
    return deleted() && restoringSince != null && !RestoreWindow.underWay(restoringSince, now);
  }

  /** The object to copy, for an asset whose verified version has no copy recorded yet. */
  public AssetBecameAvailable toCopy() {
    return new AssetBecameAvailable(assetId, objectKey, versionId, sizeBytes, sha256);
  }
}
