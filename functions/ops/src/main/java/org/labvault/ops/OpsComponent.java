package org.labvault.ops;

import dagger.BindsInstance;
import dagger.Component;
import javax.inject.Singleton;
import org.labvault.shared.auth.Authorizer;
import org.labvault.shared.aws.AuthModule;
import org.labvault.shared.aws.AwsModule;
import org.labvault.shared.aws.CoreModule;
import org.labvault.shared.aws.Priming;
import org.labvault.shared.canary.CanaryModule;
import org.labvault.shared.config.Config;
import org.labvault.shared.deletion.DeletionModule;

/** Everything the Ops function needs, built once per execution environment. */
@Singleton
@Component(modules = {CoreModule.class, AwsModule.class, AuthModule.class, DeletionModule.class, CanaryModule.class,
    OpsModule.class})
interface OpsComponent {
  /** The SnapStart hooks' shared steps. */
  Priming priming();

  HealthService health();

  NoticeService notices();

  AppRegistryService apps();

  DeletionReportService deletions();

  CanaryReportService canary();

  /** Admits operators to the /ops routes, and audits every use of them. */
  Authorizer authorizer();

  @Component.Factory
  interface Factory {
    OpsComponent create(@BindsInstance Config config);
  }
}
