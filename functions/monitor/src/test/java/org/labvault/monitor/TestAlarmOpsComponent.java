package org.labvault.monitor;

import dagger.Binds;
import dagger.BindsInstance;
import dagger.Component;
import dagger.Module;
import java.time.Clock;
import javax.inject.Singleton;
import org.labvault.shared.alarm.AlarmLog;
import org.labvault.shared.alarm.AlarmModule;
import org.labvault.shared.audit.AuditLog;
import org.labvault.shared.auth.AssetLocator;
import org.labvault.shared.auth.MembershipReader;
import org.labvault.shared.aws.DynamoAssetLocator;
import org.labvault.shared.aws.DynamoAuditLog;
import org.labvault.shared.aws.DynamoMembershipReader;
import org.labvault.shared.config.Config;
import org.labvault.shared.testing.TestClock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The alarms route on the real adapters, the table in process. */
@Singleton
@Component(modules = {AlarmStoreModule.class, AlarmModule.class, TestAlarmOpsComponent.Fakes.class})
interface TestAlarmOpsComponent extends AlarmOpsComponent {

  AlarmLog alarmLog();

  @Module
  interface Fakes {
    /** The authorization path reads the same table (only the operator gate is used here). */
    @Binds
    MembershipReader memberships(DynamoMembershipReader impl);

    @Binds
    AssetLocator assetLocator(DynamoAssetLocator impl);

    @Binds
    AuditLog audit(DynamoAuditLog writer);

    @Binds
    Clock clock(TestClock clock);
  }

  @Component.Factory
  interface Factory {
    TestAlarmOpsComponent create(@BindsInstance Config config, @BindsInstance DynamoDbClient dynamo,
        @BindsInstance TestClock clock);
  }
}
