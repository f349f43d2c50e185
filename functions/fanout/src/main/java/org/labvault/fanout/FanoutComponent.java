package org.labvault.fanout;

import dagger.BindsInstance;
import dagger.Component;
import javax.inject.Singleton;
import org.labvault.shared.alarm.AlarmModule;
import org.labvault.shared.asset.AssetModule;
import org.labvault.shared.aws.AuthModule;
import org.labvault.shared.aws.AwsModule;
import org.labvault.shared.aws.CoreModule;
import org.labvault.shared.aws.Priming;
import org.labvault.shared.config.Config;
import org.labvault.shared.deletion.DeletionModule;
import org.labvault.shared.deletion.NoticeModule;
import org.labvault.shared.deletion.NoticeSchedule;
import org.labvault.shared.deletion.port.NoticeRepository;

/** Everything the Fanout and Renotify functions need, built once per execution environment. */
@Singleton
@Component(modules = {CoreModule.class, AwsModule.class, AuthModule.class, AssetModule.class, DeletionModule.class,
    NoticeModule.class, AlarmModule.class})
interface FanoutComponent {
  /** The SnapStart hooks' shared steps. */
  Priming priming();

  StreamBatch batch();

  Renotifier renotifier();

  NoticeRepository notices();

  NoticeSchedule schedule();

  @Component.Factory
  interface Factory {
    FanoutComponent create(@BindsInstance Config config);
  }
}
