package org.labvault.fanout;

import dagger.Module;
import dagger.Provides;
import javax.inject.Singleton;
import org.labvault.shared.config.Config;

/** The renotification schedule, read and checked once per execution environment. */
@Module
interface FanoutModule {
  @Provides
  @Singleton
  static NoticeSchedule schedule(Config config) {
    return NoticeSchedule.from(config);
  }
}
