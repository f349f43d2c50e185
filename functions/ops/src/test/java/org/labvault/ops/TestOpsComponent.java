package org.labvault.ops;

import dagger.Binds;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.ElementsIntoSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.audit.AuditLog;
import org.labvault.shared.auth.MembershipReader;
import javax.inject.Named;
import javax.inject.Singleton;
import org.labvault.ops.fakes.FakeProbe;
import org.labvault.ops.fakes.InMemoryNoticeRepository;
import org.labvault.ops.port.DependencyProbe;
import org.labvault.ops.port.NoticeRepository;

/** The Ops function with fakes for its ports and a clock fixed at the events' time. */
@Singleton
@Component(modules = {TestOpsComponent.Fakes.class, org.labvault.shared.deletion.DeletionModule.class,
    org.labvault.shared.canary.CanaryModule.class})
interface TestOpsComponent extends OpsComponent {

  Instant NOW = Instant.parse("2026-11-23T08:00:00Z");

  InMemoryNoticeRepository repository();

  List<AuditEvent> auditRecords();

  /** Apps and app links live in an in-process table; close it after the test. */
  org.labvault.shared.testing.EmbeddedTable table();

  org.labvault.shared.deletion.port.AppRepository appRepository();

  org.labvault.shared.canary.port.CanaryResults canaryResults();

  @Named("dynamodb")
  FakeProbe dynamoDb();

  @Named("s3")
  FakeProbe s3();

  @Module
  abstract class Fakes {
    @Binds
    abstract NoticeRepository notices(InMemoryNoticeRepository impl);

    /** The topic the registry hands to apps. */
    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:labvault-dev-asset-events";

    @Provides
    @Singleton
    static org.labvault.shared.testing.EmbeddedTable table() {
      return new org.labvault.shared.testing.EmbeddedTable();
    }

    @Provides
    static software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo(org.labvault.shared.testing.EmbeddedTable table) {
      return table.client();
    }

    @Provides
    @Singleton
    static org.labvault.shared.config.Config config() {
      return org.labvault.shared.config.Config.from(java.util.Map.of(
          org.labvault.shared.config.Config.Names.TABLE_NAME, org.labvault.shared.testing.EmbeddedTable.NAME,
          org.labvault.shared.config.Config.Names.PAGE_TOKEN_KEY, org.labvault.shared.testing.EmbeddedTableModule.PAGE_TOKEN_KEY,
          org.labvault.shared.config.Config.Names.ASSET_EVENTS_TOPIC_ARN, TOPIC));
    }

    @Provides
    static Clock clock() {
      return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    @Provides
    @Singleton
    static List<AuditEvent> auditRecords() {
      return new java.util.concurrent.CopyOnWriteArrayList<>();
    }

    @Provides
    static AuditLog audit(List<AuditEvent> records) {
      return records::add;
    }

    @Provides
    static MembershipReader noMemberships() {
      return new MembershipReader() {
        @Override
        public java.util.Optional<org.labvault.shared.auth.Role> roleOf(String groupId, String userId) {
          return java.util.Optional.empty();
        }

        @Override
        public java.util.Map<String, org.labvault.shared.auth.Role> rolesOf(java.util.Collection<String> groupIds, String userId) {
          return java.util.Map.of();
        }
      };
    }

    @Provides
    static org.labvault.shared.auth.AssetLocator noAssets() {
      return new org.labvault.shared.auth.AssetLocator() {
        @Override
        public java.util.Optional<String> groupOf(String assetId) {
          return java.util.Optional.empty();
        }

        @Override
        public java.util.Map<String, String> groupsOf(java.util.Collection<String> assetIds) {
          return java.util.Map.of();
        }
      };
    }

    @Provides
    @Singleton
    @Named("dynamodb")
    static FakeProbe dynamoDbProbe() {
      return new FakeProbe("dynamodb");
    }

    @Provides
    @Singleton
    @Named("s3")
    static FakeProbe s3Probe() {
      return new FakeProbe("s3");
    }

    @Provides
    @ElementsIntoSet
    static Set<DependencyProbe> probes(@Named("dynamodb") FakeProbe dynamoDb, @Named("s3") FakeProbe s3) {
      return Set.of(dynamoDb, s3);
    }
  }
}
