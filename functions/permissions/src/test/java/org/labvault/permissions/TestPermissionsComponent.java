package org.labvault.permissions;

import dagger.BindsInstance;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import java.util.List;
import javax.inject.Singleton;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.testing.EmbeddedTableModule;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The Permissions function on the real membership reader, against an in-process table. */
@Singleton
@Component(modules = {TestPermissionsComponent.Wiring.class, EmbeddedTableModule.class})
interface TestPermissionsComponent extends PermissionsComponent {

  @Component.Factory
  interface Factory {
    TestPermissionsComponent create(@BindsInstance DynamoDbClient dynamo, @BindsInstance List<AuditEvent> audit);
  }

  @Module
  abstract class Wiring {
    @Provides
    static Clock clock() {
      return Clock.systemUTC();
    }
  }
}
