package org.labvault.monitor;

import dagger.BindsInstance;
import dagger.Component;
import javax.inject.Singleton;
import org.labvault.shared.alarm.AlarmModule;
import org.labvault.shared.aws.AwsModule;
import org.labvault.shared.aws.CoreModule;
import org.labvault.shared.aws.Priming;
import org.labvault.shared.config.Config;

/** The audit monitor's wiring (the stream consumer), built once per execution environment. */
@Singleton
@Component(modules = {CoreModule.class, AwsModule.class, AlarmModule.class, MonitorModule.class, AlarmTopicModule.class})
interface MonitorComponent {
  /** The SnapStart hooks' shared steps. */
  Priming priming();

  MonitorBatch batch();

  @Component.Factory
  interface Factory {
    MonitorComponent create(@BindsInstance Config config);
  }
}
