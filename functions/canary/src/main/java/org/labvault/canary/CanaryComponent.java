package org.labvault.canary;

import dagger.BindsInstance;
import dagger.Component;
import javax.inject.Singleton;
import org.labvault.shared.alarm.AlarmModule;
import org.labvault.shared.aws.AwsModule;
import org.labvault.shared.aws.CoreModule;
import org.labvault.shared.aws.Priming;
import org.labvault.shared.canary.CanaryModule;
import org.labvault.shared.client.ClientCredentials;
import org.labvault.shared.config.Config;

/** Everything the canary needs, built once per execution environment. */
@Singleton
@Component(modules = {CoreModule.class, AwsModule.class, AlarmModule.class, CanaryModule.class, CanaryFunctionModule.class})
interface CanaryComponent {
  /** The SnapStart hooks' shared steps. */
  Priming priming();

  CanaryService canary();

  ClientCredentials client();

  @Component.Factory
  interface Factory {
    CanaryComponent create(@BindsInstance Config config);
  }
}
