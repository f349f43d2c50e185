package org.labvault.monitor;

import dagger.BindsInstance;
import dagger.Component;
import javax.inject.Singleton;
import org.labvault.shared.alarm.AlarmModule;
import org.labvault.shared.aws.AwsModule;
import org.labvault.shared.aws.CoreModule;
import org.labvault.shared.config.Config;

/** The audit monitor's wiring (the stream consumer), built once per execution environment. */
@Singleton
@Component(modules = {CoreModule.class, AwsModule.class, AlarmModule.class, MonitorModule.class, MonitorComponent.Topic.class})
interface MonitorComponent {
  MonitorBatch batch();

  /** Stored alarms go out on the alarms topic. */
  @dagger.Module
  interface Topic {
    @dagger.Binds
    org.labvault.monitor.port.AlarmPublisher publisher(org.labvault.monitor.adapter.SnsAlarmPublisher impl);
  }

  @Component.Factory
  interface Factory {
    MonitorComponent create(@BindsInstance Config config);
  }
}
