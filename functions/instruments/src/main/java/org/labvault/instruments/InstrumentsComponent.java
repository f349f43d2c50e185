package org.labvault.instruments;

import dagger.BindsInstance;
import dagger.Component;
import javax.inject.Singleton;
import org.labvault.shared.aws.AuthModule;
import org.labvault.shared.aws.AwsModule;
import org.labvault.shared.aws.CoreModule;
import org.labvault.shared.aws.Priming;
import org.labvault.shared.config.Config;
import org.labvault.shared.instrument.InstrumentModule;

/** Everything the Instruments function needs, built once per execution environment. */
@Singleton
@Component(modules = {CoreModule.class, AwsModule.class, AuthModule.class, InstrumentModule.class})
interface InstrumentsComponent {
  /** The SnapStart hooks' shared steps. */
  Priming priming();

  InstrumentService instruments();

  @Component.Factory
  interface Factory {
    InstrumentsComponent create(@BindsInstance Config config);
  }
}
