package org.labvault.monitor;

import dagger.BindsInstance;
import dagger.Component;
import java.time.Clock;
import javax.inject.Singleton;
import org.labvault.monitor.port.AlarmStore;
import org.labvault.shared.auth.Authorizer;
import org.labvault.shared.aws.AuthModule;
import org.labvault.shared.aws.AwsModule;
import org.labvault.shared.aws.CoreModule;
import org.labvault.shared.aws.Priming;
import org.labvault.shared.config.Config;

/** The operators' alarms route: the stored alarms, and the audit of every use of the route. */
@Singleton
@Component(modules = {CoreModule.class, AwsModule.class, AuthModule.class, AlarmStoreModule.class})
interface AlarmOpsComponent {
  /** The SnapStart hooks' shared steps. */
  Priming priming();

  AlarmStore alarms();

  /** Admits operators to the /ops routes, and audits every use of them. */
  Authorizer authorizer();

  /** Now, for a listing that gives no {@code since}. */
  Clock clock();

  @Component.Factory
  interface Factory {
    AlarmOpsComponent create(@BindsInstance Config config);
  }
}
