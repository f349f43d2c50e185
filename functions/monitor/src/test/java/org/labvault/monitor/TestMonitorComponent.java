package org.labvault.monitor;

import dagger.Binds;
import dagger.BindsInstance;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import java.util.List;
import javax.inject.Singleton;
import org.labvault.monitor.port.AlarmPublisher;
import org.labvault.monitor.port.AlarmStore;
import org.labvault.shared.alarm.Alarm;
import org.labvault.shared.alarm.AlarmLog;
import org.labvault.shared.alarm.AlarmModule;
import org.labvault.shared.config.Config;
import org.labvault.shared.json.Json;
import org.labvault.shared.testing.TestClock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The monitor on the real table adapters (the table in process); the topic is a list of what was published. */
@Singleton
@Component(modules = {MonitorModule.class, AlarmModule.class, TestMonitorComponent.Fakes.class})
interface TestMonitorComponent extends MonitorComponent {

  AlarmStore store();

  AlarmLog alarmLog();

  @Module
  interface Fakes {
    @Binds
    Clock clock(TestClock clock);

    @Provides
    static Json json() {
      return Json.instance();
    }

    @Provides
    static AlarmPublisher publisher(List<Alarm> published) {
      return published::add;
    }
  }

  @Component.Factory
  interface Factory {
    TestMonitorComponent create(@BindsInstance Config config, @BindsInstance DynamoDbClient dynamo,
        @BindsInstance TestClock clock, @BindsInstance List<Alarm> published);
  }
}
