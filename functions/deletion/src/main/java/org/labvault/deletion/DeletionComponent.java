package org.labvault.deletion;

import dagger.BindsInstance;
import dagger.Component;
import javax.inject.Singleton;
import org.labvault.shared.asset.AssetModule;
import org.labvault.shared.aws.AuthModule;
import org.labvault.shared.aws.AwsModule;
import org.labvault.shared.aws.CoreModule;
import org.labvault.shared.aws.Priming;
import org.labvault.shared.config.Config;
import org.labvault.shared.deletion.DeletionModule;
import org.labvault.shared.deletion.RenotifyDelay;

/** Everything the Deletion function needs, built once per execution environment. */
@Singleton
@Component(modules = {CoreModule.class, AwsModule.class, AuthModule.class, AssetModule.class, DeletionModule.class})
interface DeletionComponent {
  /** The SnapStart hooks' shared steps. */
  Priming priming();

  AssetDeletionService deletions();

  AppLinkService links();

  RenotifyDelay renotifyDelay();

  @Component.Factory
  interface Factory {
    DeletionComponent create(@BindsInstance Config config);
  }
}
