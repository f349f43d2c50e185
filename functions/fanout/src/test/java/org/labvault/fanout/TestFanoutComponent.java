package org.labvault.fanout;

import dagger.Binds;
import dagger.BindsInstance;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import java.util.List;
import javax.inject.Singleton;
import org.labvault.shared.alarm.AlarmModule;
import org.labvault.shared.asset.port.ObjectStore;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.audit.AuditLog;
import org.labvault.shared.config.Config;
import org.labvault.shared.deletion.DeletionModule;
import org.labvault.shared.deletion.NoticeModule;
import org.labvault.shared.json.Json;
import org.labvault.shared.testing.InMemoryObjectStore;
import org.labvault.shared.testing.TestClock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The Fanout and Renotify functions on the real DynamoDB and SNS adapters: the table in process,
 * SNS a {@link org.labvault.shared.testing.FakeSns}, the bucket in memory.
 */
@Singleton
@Component(modules = {DeletionModule.class, NoticeModule.class, AlarmModule.class, TestFanoutComponent.Fakes.class})
interface TestFanoutComponent extends FanoutComponent {

  @Module
  interface Fakes {
    @Binds
    ObjectStore objects(InMemoryObjectStore impl);

    @Binds
    Clock clock(TestClock clock);

    @Provides
    static Json json() {
      return Json.instance();
    }

    @Provides
    static AuditLog audit(List<AuditEvent> records) {
      return records::add;
    }
  }

  @Component.Factory
  interface Factory {
    TestFanoutComponent create(@BindsInstance Config config, @BindsInstance DynamoDbClient dynamo,
        @BindsInstance SnsClient sns, @BindsInstance TestClock clock, @BindsInstance List<AuditEvent> audit,
        @BindsInstance InMemoryObjectStore objects);
  }
}
