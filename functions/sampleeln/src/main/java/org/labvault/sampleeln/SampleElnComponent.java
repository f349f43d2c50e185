package org.labvault.sampleeln;

import dagger.BindsInstance;
import dagger.Component;
import javax.inject.Singleton;
import org.labvault.shared.aws.AwsModule;
import org.labvault.shared.aws.CoreModule;
import org.labvault.shared.aws.Priming;
import org.labvault.shared.config.Config;

/** Everything the sample subscriber needs, built once per execution environment. */
@Singleton
@Component(modules = {CoreModule.class, AwsModule.class, SampleElnModule.class})
interface SampleElnComponent {
  /** The SnapStart hooks' shared steps. */
  Priming priming();

  NoticeConsumer consumer();

  SampleElnSettings settings();

  @Component.Factory
  interface Factory {
    SampleElnComponent create(@BindsInstance Config config);
  }
}
