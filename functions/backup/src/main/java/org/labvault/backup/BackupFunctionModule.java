package org.labvault.backup;

import dagger.Binds;
import dagger.Module;
import org.labvault.backup.adapter.DynamoBackupLedger;
import org.labvault.backup.adapter.DynamoBackupReports;
import org.labvault.backup.port.BackupLedger;
import org.labvault.backup.port.BackupReports;

/** The module's own ports: copies recorded on the asset items, reports in the table. */
@Module
interface BackupFunctionModule {
  @Binds
  BackupLedger ledger(DynamoBackupLedger impl);

  @Binds
  BackupReports reports(DynamoBackupReports impl);
}
