package org.labvault.permissions;

import dagger.BindsInstance;
import dagger.Component;
import javax.inject.Singleton;
import org.labvault.shared.auth.Authorizer;
import org.labvault.shared.aws.AuthModule;
import org.labvault.shared.aws.AwsModule;
import org.labvault.shared.aws.CoreModule;
import org.labvault.shared.aws.Priming;
import org.labvault.shared.config.Config;

/** The Permissions function: the authorization path and nothing else. */
@Singleton
@Component(modules = {CoreModule.class, AwsModule.class, AuthModule.class})
interface PermissionsComponent {
  /** The SnapStart hooks' shared steps. */
  Priming priming();

  Authorizer authorizer();

  @Component.Factory
  interface Factory {
    PermissionsComponent create(@BindsInstance Config config);
  }
}
