package org.labvault.backup.snapshot;

import org.labvault.shared.config.Config;

/** How many parallel segments the backup jobs scan the table in (1..64). */
public final class ScanSegments {

  /** DynamoDB allows up to a million segments; more than this gains nothing in one Lambda. */
  static final int MAX = 64;

  private ScanSegments() {}

  public static int of(Config config) {
    long n = config.requirePositive(Config.Names.BACKUP_SCAN_SEGMENTS);
    if (n > MAX) {
      throw new Config.ConfigException(Config.Names.BACKUP_SCAN_SEGMENTS + " must be at most " + MAX + ", not " + n);
    }
    return (int) n;
  }
}
