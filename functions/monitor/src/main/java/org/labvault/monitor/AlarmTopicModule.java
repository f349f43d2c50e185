package org.labvault.monitor;

import dagger.Binds;
import dagger.Module;
import org.labvault.monitor.adapter.SnsAlarmPublisher;
import org.labvault.monitor.port.AlarmPublisher;

/** Stored alarms go out on the alarms topic. */
@Module
interface AlarmTopicModule {
  @Binds
  AlarmPublisher publisher(SnsAlarmPublisher impl);
}
