package org.labvault.backup;

import java.time.Duration;
import javax.inject.Inject;
import org.labvault.shared.config.Config;

/** How long backups outlive their asset's deletion; at least 7 days, as the contract promises. */
final class BackupRetention {

  static final long MIN_DAYS = 7;

  private final Duration retention;

  @Inject
  BackupRetention(Config config) {
    long days = config.requirePositive(Config.Names.BACKUP_RETENTION_DAYS);
    if (days < MIN_DAYS) {
      throw new Config.ConfigException(Config.Names.BACKUP_RETENTION_DAYS + " must be at least " + MIN_DAYS + ", not " + days);
    }
    this.retention = Duration.ofDays(days);
  }

  Duration retention() {
    return retention;
  }
}
