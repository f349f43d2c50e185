package org.labvault.backup;

import dagger.BindsInstance;
import dagger.Component;
import javax.inject.Singleton;
import org.labvault.backup.port.BackupReports;
import org.labvault.backup.snapshot.SnapshotModule;
import org.labvault.shared.alarm.AlarmModule;
import org.labvault.shared.asset.AssetModule;
import org.labvault.shared.auth.Authorizer;
import org.labvault.shared.aws.AuthModule;
import org.labvault.shared.aws.AwsModule;
import org.labvault.shared.aws.CoreModule;
import org.labvault.shared.aws.Priming;
import org.labvault.shared.backup.BackupModule;
import org.labvault.shared.config.Config;

/**
 * Everything the backup functions need, built once per execution environment: each handler asks
 * only for its part (Dagger builds nothing else), so the stream function reads no snapshot settings.
 */
@Singleton
@Component(modules = {CoreModule.class, AwsModule.class, AuthModule.class, AssetModule.class, AlarmModule.class,
    BackupModule.class, SnapshotModule.class, BackupFunctionModule.class})
interface BackupComponent {
  /** The SnapStart hooks' shared steps. */
  Priming priming();

  StreamBatch batch();

  BackupRetention retention();

  DailyBackup daily();

  BackupVerification verification();

  BackupReports reports();

  AssetRestore restore();

  /** Admits operators to the /ops routes, and audits every use of them. */
  Authorizer authorizer();

  @Component.Factory
  interface Factory {
    BackupComponent create(@BindsInstance Config config);
  }
}
