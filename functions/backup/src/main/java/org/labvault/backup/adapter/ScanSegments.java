package org.labvault.backup.adapter;

import org.labvault.shared.config.Config;

/** How many parallel segments the backup jobs scan the table in. */
final class ScanSegments {

  static final int MAX = 64;

  private ScanSegments() {}

  static int of(Config config) {
    long n = config.requirePositive(Config.Names.BACKUP_SCAN_SEGMENTS);
    if (n > MAX) {
      throw new Config.ConfigException(Config.Names.BACKUP_SCAN_SEGMENTS + " must be at most " + MAX + ", not " + n);
    }
    return (int) n;
  }
}
