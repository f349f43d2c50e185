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

/** Everything the Assets function needs, built once per execution environment. */
@Singleton
@Component(modules = {CoreModule.class, AwsModule.class, AuthModule.class, AssetModule.class})
interface AssetsComponent {
  /** The SnapStart hooks' shared steps. */
  Priming priming();

  AssetService assets();

  @Component.Factory
  interface Factory {
    AssetsComponent create(@BindsInstance Config config);
  }
}
