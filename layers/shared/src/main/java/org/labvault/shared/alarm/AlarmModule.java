package org.labvault.shared.alarm;

import dagger.Binds;
import dagger.Module;
import org.labvault.shared.aws.DynamoAlarmLog;

/** Alarms stored in the LabVault table, for the functions that raise them. */
@Module
public interface AlarmModule {
  @Binds
  AlarmLog alarms(DynamoAlarmLog impl);
}
