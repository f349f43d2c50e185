package org.labvault.monitor;

import dagger.Binds;
import dagger.Module;
import org.labvault.monitor.adapter.DynamoAlarmStore;
import org.labvault.monitor.port.AlarmStore;

/** The stored alarms, in the LabVault table. */
@Module
interface AlarmStoreModule {
  @Binds
  AlarmStore store(DynamoAlarmStore impl);
}
