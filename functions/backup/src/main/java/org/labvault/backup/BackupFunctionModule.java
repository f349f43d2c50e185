package org.labvault.backup;

import dagger.Binds;
import dagger.Module;
import org.labvault.backup.adapter.DynamoBackupLedger;
import org.labvault.backup.port.BackupLedger;

/** The function's own port: copies recorded on the asset items. */
@Module
interface BackupFunctionModule {
  @Binds
  BackupLedger ledger(DynamoBackupLedger impl);
}
