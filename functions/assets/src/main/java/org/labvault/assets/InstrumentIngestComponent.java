package org.labvault.assets;

import dagger.BindsInstance;
import dagger.Component;
import javax.inject.Singleton;
import org.labvault.shared.asset.AssetModule;
import org.labvault.shared.aws.AuthModule;
import org.labvault.shared.aws.AwsModule;
import org.labvault.shared.aws.CoreModule;
import org.labvault.shared.aws.Priming;
import org.labvault.shared.config.Config;
import org.labvault.shared.instrument.InstrumentModule;

/** Everything the InstrumentIngest function needs, built once per execution environment. */
@Singleton
@Component(modules = {CoreModule.class, AwsModule.class, AuthModule.class, AssetModule.class, InstrumentModule.class})
interface InstrumentIngestComponent {
  /** The SnapStart hooks' shared steps. */
  Priming priming();

  InstrumentUploads uploads();

  @Component.Factory
  interface Factory {
    InstrumentIngestComponent create(@BindsInstance Config config);
  }
}
