package org.labvault.backup.snapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of one restore drill.
 *
 * @param items the items the manifest says the snapshot holds
 * @param restoredItems the items read back from the scratch table
 * @param mismatches items of the snapshot missing or different in the scratch table, plus items
 *     there that the snapshot does not hold
 * @param restoreTime from creating the scratch table to the last item written
 * @param problems what went wrong, each naming the part or step (empty when nothing did)
 */
public record DrillResult(String snapshotId, Instant takenAt, long items, long restoredItems, long mismatches,
    Duration restoreTime, List<String> problems) {

  public DrillResult {
    problems = List.copyOf(problems);
  }

  public boolean passed() {
    return problems.isEmpty() && mismatches == 0 && restoredItems == items;
  }
}
