package org.labvault.audit;

import dagger.Binds;
import dagger.BindsInstance;
import dagger.Component;
import dagger.Module;
import java.time.Clock;
import javax.inject.Singleton;
import org.labvault.audit.port.DigestPublicKey;
import org.labvault.audit.port.DigestSigner;
import org.labvault.shared.audit.AuditLog;
import org.labvault.shared.aws.DynamoAuditLog;
import org.labvault.shared.config.Config;
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

  @Module
  interface Fakes {
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
