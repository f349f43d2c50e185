package org.labvault.shared.backup;

import dagger.Binds;
import dagger.Module;
import org.labvault.shared.backup.adapter.S3BackupStore;
import org.labvault.shared.backup.port.BackupStore;

/** The backup bucket through S3, for the functions that copy, verify or restore backups. */
@Module
public interface BackupModule {
  @Binds
  BackupStore backups(S3BackupStore impl);
}
