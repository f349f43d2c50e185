package org.labvault.groups;

import dagger.BindsInstance;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import java.util.List;
import javax.inject.Singleton;
import org.labvault.groups.port.GroupRepository;
import org.labvault.groups.port.InvitationRepository;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.testing.EmbeddedTableModule;
import org.labvault.shared.testing.TestClock;

/**
 * The Groups function on the real DynamoDB adapters, against an in-process table, with a clock
 * the test moves and the audit records kept in a list.
 */
@Singleton
@Component(modules = {TestGroupsComponent.Wiring.class, EmbeddedTableModule.class, GroupsModule.class})
interface TestGroupsComponent extends GroupsComponent {

  GroupRepository groupRepository();

  InvitationRepository invitationRepository();

  List<AuditEvent> audit();

  @Component.Factory
  interface Factory {
    TestGroupsComponent create(@BindsInstance software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo,
        @BindsInstance TestClock clock, @BindsInstance List<AuditEvent> audit);
  }

  @Module
  abstract class Wiring {
    @Provides
    static Clock clock(TestClock clock) {
      return clock;
    }
  }
}
