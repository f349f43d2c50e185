package org.labvault.backup;

import dagger.BindsInstance;
import dagger.Component;
import javax.inject.Singleton;
import org.labvault.shared.aws.AuthModule;
import org.labvault.shared.aws.AwsModule;
import org.labvault.shared.aws.CoreModule;
import org.labvault.shared.backup.BackupModule;
import org.labvault.shared.config.Config;

/** Everything the Backup function needs, built once per execution environment. */
@Singleton
@Component(modules = {CoreModule.class, AwsModule.class, AuthModule.class, BackupModule.class,
    BackupFunctionModule.class})
interface BackupComponent {
  StreamBatch batch();

  BackupRetention retention();

  @Component.Factory
  interface Factory {
    BackupComponent create(@BindsInstance Config config);
  }
}
