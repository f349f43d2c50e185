package org.labvault.audit;

import dagger.BindsInstance;
import dagger.Component;
import java.time.Clock;
import javax.inject.Singleton;
import org.labvault.shared.audit.AuditLog;
import org.labvault.shared.aws.AuthModule;
import org.labvault.shared.aws.AwsModule;
import org.labvault.shared.aws.CoreModule;
import org.labvault.shared.aws.Priming;
import org.labvault.shared.config.Config;

/** The digest function's wiring: the audit function's ports plus the signer. */
@Singleton
@Component(modules = {CoreModule.class, AwsModule.class, AuthModule.class, AuditFunctionModule.class, DigestSigningModule.class})
interface AuditDigestComponent {
  /** The SnapStart hooks' shared steps. */
  Priming priming();

  DigestWriter writer();

  /** Refused requests of the route are audited like everywhere else. */
  AuditLog audit();

  Clock clock();

  @Component.Factory
  interface Factory {
    AuditDigestComponent create(@BindsInstance Config config);
  }
}
