package org.labvault.audit;

import dagger.Binds;
import dagger.BindsInstance;
import dagger.Component;
import dagger.Module;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.inject.Singleton;
import org.labvault.audit.port.DigestPublicKey;
import org.labvault.audit.port.DigestSigner;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.audit.AuditLog;
import org.labvault.shared.auth.AssetLocator;
import org.labvault.shared.auth.MembershipReader;
import org.labvault.shared.aws.DynamoAssetLocator;
import org.labvault.shared.aws.DynamoAuditLog;
import org.labvault.shared.aws.DynamoMembershipReader;
import org.labvault.shared.config.Config;
import org.labvault.shared.testing.EmbeddedTable;
import org.labvault.shared.testing.TestClock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Both audit functions on the real adapters, the table in process (the same writer every function
 * uses), and a JDK key pair in place of the KMS key.
 */
@Singleton
@Component(modules = {AuditFunctionModule.class, TestAuditComponent.Fakes.class})
interface TestAuditComponent extends AuditComponent, AuditDigestComponent {

  FakeDigestKey digestKey();

  /** The audit trail's writer, to put records on the chains. */
  AuditLog audit();

  /** A component on {@code table} whose chains already hold three records, a second apart (the handler tests' start). */
  static TestAuditComponent withThreeRecords(EmbeddedTable table) {
    TestClock clock = new TestClock(Instant.parse("2026-11-23T08:00:00Z"));
    TestAuditComponent component = DaggerTestAuditComponent.factory().create(AuditTrailTest.config(4), table.client(), clock);
    for (int i = 0; i < 3; i++) {
      component.audit().record(new AuditEvent("user-1", "group:create", "group:g" + i, AuditEvent.Decision.ALLOW, "ADMIN",
          "req-" + i, clock.instant()));
      clock.advance(Duration.ofSeconds(1));
    }
    return component;
  }

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

    @Binds
    DigestSigner signer(FakeDigestKey key);

    @Binds
    DigestPublicKey publicKey(FakeDigestKey key);
  }

  @Component.Factory
  interface Factory {
    TestAuditComponent create(@BindsInstance Config config, @BindsInstance DynamoDbClient dynamo,
        @BindsInstance TestClock clock);
  }
}
