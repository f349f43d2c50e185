package org.labvault.groups;

import dagger.BindsInstance;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.inject.Singleton;
import org.labvault.groups.port.GroupRepository;
import org.labvault.groups.port.InvitationRepository;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.audit.AuditLog;
import org.labvault.shared.auth.MembershipReader;
import org.labvault.shared.aws.DynamoMembershipReader;
import org.labvault.shared.config.Config;
import org.labvault.shared.json.Json;
import org.labvault.shared.testing.EmbeddedTable;
import org.labvault.shared.testing.TestClock;

/**
 * The Groups function on the real DynamoDB adapters, against an in-process table, with a clock
 * the test moves and the audit records kept in a list.
 */
@Singleton
@Component(modules = {TestGroupsComponent.Wiring.class, GroupsModule.class})
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
    static Config config() {
      return Config.from(Map.of(Config.Names.TABLE_NAME, EmbeddedTable.NAME));
    }

    @Provides
    static Clock clock(TestClock clock) {
      return clock;
    }

    @Provides
    static Json json() {
      return Json.instance();
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
