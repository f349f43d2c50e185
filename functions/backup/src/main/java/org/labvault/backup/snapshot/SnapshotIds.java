package org.labvault.backup.snapshot;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import org.labvault.shared.id.Ids;

/**
 * Snapshot ids like {@code 20261130T020000123Z-3fa85f64}: the scan's start to the millisecond first,
 * so ids sort by time (two runs by hand in one second too), then random hex, so two snapshots
 * started in the same millisecond never share an id.
 */
final class SnapshotIds {

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

  private SnapshotIds() {}

  static String next(Instant takenAt) {
    return STAMP.format(takenAt) + "-" + randomHex();
  }

  /** Eight random hex digits. */
  static String randomHex() {
    return HexFormat.of().toHexDigits(Ids.random().nextInt());
  }
}
