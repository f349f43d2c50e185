package org.labvault.backup;

import org.labvault.shared.backup.port.BackupStore;
import org.labvault.shared.backup.port.BackupStore.BackupCopy;

/** Whether a backup copy holds an asset's declared bytes: the one rule copies, checks and restores share. */
final class CopyCheck {

  private CopyCheck() {}

  /** Size first (free), then the checksum S3 kept, else the bytes read in full. */
  static boolean matches(BackupStore backups, String key, long sizeBytes, String sha256, BackupCopy copy) {
    if (copy.sizeBytes() != sizeBytes) {
      return false;
    }
    String sha = copy.sha256() != null ? copy.sha256() : backups.sha256(key, copy.versionId());
    return sha.equals(sha256);
  }
}
