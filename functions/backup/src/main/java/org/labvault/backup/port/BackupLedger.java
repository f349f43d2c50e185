package org.labvault.backup.port;

import java.time.Instant;

/** Where an asset's backup copy is recorded, so verification and restore can find it. */
public interface BackupLedger {

  /**
   * Records the copy on the asset, only while it is AVAILABLE or DELETED and has no other copy
   * recorded; recording the same copy again changes nothing.
   *
   * @return false when the condition did not hold (another copy recorded, or the asset in no state to back up)
   */
  boolean record(String assetId, String backupVersionId, Instant backedUpAt);
}
