package org.labvault.uploadevents;

import dagger.BindsInstance;
import dagger.Component;
import javax.inject.Singleton;
import org.labvault.shared.asset.AssetModule;
import org.labvault.shared.aws.AuthModule;
import org.labvault.shared.aws.AwsModule;
import org.labvault.shared.aws.CoreModule;
import org.labvault.shared.aws.Priming;
import org.labvault.shared.config.Config;
import org.labvault.shared.json.Json;

/** Everything the UploadEvents function needs, built once per execution environment. */
@Singleton
@Component(modules = {CoreModule.class, AwsModule.class, AuthModule.class, AssetModule.class})
interface UploadEventsComponent {
  /** The SnapStart hooks' shared steps. */
  Priming priming();

  UploadVerifier verifier();

  Json json();

  Config config();

  @Component.Factory
  interface Factory {
    UploadEventsComponent create(@BindsInstance Config config);
  }
}
