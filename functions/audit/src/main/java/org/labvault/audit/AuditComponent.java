package org.labvault.audit;

import dagger.BindsInstance;
import dagger.Component;
import java.time.Clock;
import javax.inject.Singleton;
import org.labvault.shared.auth.Authorizer;
import org.labvault.shared.aws.AuthModule;
import org.labvault.shared.aws.AwsModule;
import org.labvault.shared.aws.CoreModule;
import org.labvault.shared.aws.Priming;
import org.labvault.shared.config.Config;

/** The audit function's wiring, built once per execution environment. */
@Singleton
@Component(modules = {CoreModule.class, AwsModule.class, AuthModule.class, AuditFunctionModule.class, DigestVerifyingModule.class})
interface AuditComponent {
  /** The SnapStart hooks' shared steps. */
  Priming priming();

  AuditTrail trail();

  /** Admits operators to the /ops routes, and audits every use of them. */
  Authorizer authorizer();

  /** Now, for a listing that gives no {@code since}. */
  Clock clock();

  @Component.Factory
  interface Factory {
    AuditComponent create(@BindsInstance Config config);
  }
}
