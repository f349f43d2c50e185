package org.labvault.backup.snapshot;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * What a complete snapshot holds, stored next to its parts as {@code manifest.json}.
 *
 * @param takenAt when the scan started (RFC 3339, UTC). The parallel scan reads each item once, at some
 *     moment until {@code finishedAt}: the snapshot holds every write made before takenAt, maybe later
 *     ones, and is not one point in time (PITR and ExportTableToPointInTime are, in AWS)
 * @param sha256 hex SHA-256 of the content: the uncompressed parts concatenated in segment order
 * @param itemsDigest hex SHA-256 over the sorted SHA-256s of the items' lines: does not depend on
 *     the order a table is read in, so a restored table can be compared with it
 * @param parts one per scan segment, in segment order
 */
public record SnapshotManifest(String snapshotId, String table, String takenAt, String finishedAt, long items,
    String sha256, String itemsDigest, int segments, List<Part> parts) {

  public SnapshotManifest {
    parts = List.copyOf(parts);
  }

  /** The newest snapshot first: by the time it covers, then by id (which holds that time to the millisecond). */
  public static final Comparator<SnapshotManifest> NEWEST_FIRST =
      Comparator.comparing(SnapshotManifest::takenAtInstant).thenComparing(SnapshotManifest::snapshotId).reversed();

  /** One segment's part; {@code sha256} is the hex SHA-256 of its uncompressed lines. */
  public record Part(int segment, long items, String sha256) {}

  @JsonIgnore
  public Instant takenAtInstant() {
    return Instant.parse(takenAt);
  }
}
