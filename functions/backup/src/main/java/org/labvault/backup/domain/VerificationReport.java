package org.labvault.backup.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The daily verification's report, as operators read it.
 *
 * @param oldestRestorePoint when the oldest snapshot still kept was taken
 * @param rpoSeconds how long the oldest AVAILABLE asset without a backup copy has waited for one (0: none waits)
 * @param rtoSecondsPer10000Items the drill's restore time scaled to 10,000 items
 * @param timings where the verification's time went
 * @param problems why the verification FAILED, for a human (empty when it PASSED)
 */
public record VerificationReport(String reportId, String status, Instant startedAt, Instant finishedAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) SnapshotCheck snapshot, ObjectCheck objects, long retentionDays,
    @JsonInclude(JsonInclude.Include.NON_NULL) Instant oldestRestorePoint, long rpoSeconds,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double rtoSecondsPer10000Items, Timings timings, List<String> problems) {

  public static final String PASSED = "PASSED";
  public static final String FAILED = "FAILED";

  /** What the restore drill found. */
  public record SnapshotCheck(String snapshotId, Instant takenAt, long items, long restoredItems, long mismatches) {}

  /**
   * What the check of the backup copies found; the lists name assets (at most
   * {@link #LISTED} each; the counts are complete).
   */
  public record ObjectCheck(long expected, long verified, List<String> missing, List<String> corrupt,
      long missingCount, long corruptCount) {
    public static final int LISTED = 1000;
  }

  /** Milliseconds of the restore drill (read, restore, compare, drop) and of the check of the copies. */
  public record Timings(long drillMs, long objectsMs) {}

  public boolean passed() {
    return PASSED.equals(status);
  }
}
