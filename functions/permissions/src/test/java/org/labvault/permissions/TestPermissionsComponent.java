package org.labvault.permissions;

import dagger.BindsInstance;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.inject.Singleton;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.audit.AuditLog;
import org.labvault.shared.auth.MembershipReader;
import org.labvault.shared.aws.DynamoMembershipReader;
import org.labvault.shared.config.Config;
import org.labvault.shared.testing.EmbeddedTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The Permissions function on the real membership reader, against an in-process table. */
@Singleton
@Component(modules = TestPermissionsComponent.Wiring.class)
interface TestPermissionsComponent extends PermissionsComponent {

  @Component.Factory
  interface Factory {
    TestPermissionsComponent create(@BindsInstance DynamoDbClient dynamo, @BindsInstance List<AuditEvent> audit);
  }

  @Module
  abstract class Wiring {
    @Provides
    static Config config() {
      return Config.from(Map.of(Config.Names.TABLE_NAME, EmbeddedTable.NAME));
    }

    @Provides
    static Clock clock() {
      return Clock.systemUTC();
    }

    @Provides
    static MembershipReader memberships(DynamoMembershipReader reader) {
      return reader;
    }

    @Provides
    static AuditLog audit(List<AuditEvent> records) {
      return records::add;
    }
  }
}
