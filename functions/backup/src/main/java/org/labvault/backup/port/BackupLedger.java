package org.labvault.backup.port;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.labvault.backup.domain.BackedUpAsset;

/** Where an asset's backup copy is recorded, so verification, purge and restore can find it. */
public interface BackupLedger {

  /**
   * Records the copy on the asset, only while it is AVAILABLE or DELETED and has no other copy
   * recorded; recording the same copy again changes nothing.
   *
   * @return false when the condition did not hold (another copy recorded, or the asset in no state to back up)
   */
  boolean record(String assetId, String backupVersionId, Instant backedUpAt);

  /** Every asset of the table, read consistently in parallel segments; {@code each} may be called from several threads. */
  void forEachAsset(Consumer<BackedUpAsset> each);

  /** One asset, read strongly consistently. */
  Optional<BackedUpAsset> find(String assetId);

  /**
   * Records that the copy of a deleted asset was purged; only once, and only while it is still
   * DELETED with that copy.
   *
   * @return false when another purge or a restore came first
   */
  boolean markPurged(BackedUpAsset asset, Instant purgedAt);

  /**
   * Records that a restore of this DELETED asset begins copying its object back at {@code since}:
   * only while it is DELETED with that unpurged copy and no other restore is under way (one that
   * began longer ago than the restore window has died and no longer counts).
   *
   * @return false when the asset is not in that state
   */
  boolean beginRestore(BackedUpAsset asset, Instant since);

  /** Forgets the restore begun at {@code since} (it failed, or its abandoned bytes are gone); harmless when it is gone. */
  void endRestore(BackedUpAsset asset, Instant since);

  /** What became of a restore's state change. */
  enum Restored { RESTORED, NOT_DELETED, GROUP_GONE }

  /**
   * DELETED -> AVAILABLE with the restored object version, counted in its group again, in one
   * transaction that requires the asset still DELETED with the same unpurged copy, the restore begun
   * at {@code since} still recorded, and its group still active.
   */
  Restored restore(BackedUpAsset asset, Instant since, String dataVersionId, Instant restoredAt, String restoredBy);
}
