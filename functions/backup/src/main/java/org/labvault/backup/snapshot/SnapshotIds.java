package org.labvault.backup.snapshot;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * Snapshot ids like {@code 20261130T020000Z-3fa85f64}: the scan's start first, so ids sort by time,
 * then random hex, so two snapshots started in the same second never share a prefix.
 */
final class SnapshotIds {

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();

  private SnapshotIds() {}

  static String next(Instant takenAt) {
    return STAMP.format(takenAt) + "-" + randomHex();
  }

  /** Eight random hex digits. */
  static String randomHex() {
    return HexFormat.of().toHexDigits(RANDOM.nextInt());
  }
}
