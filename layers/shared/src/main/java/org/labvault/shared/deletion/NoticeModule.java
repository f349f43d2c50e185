package org.labvault.shared.deletion;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import javax.inject.Singleton;
import org.labvault.shared.config.Config;
import org.labvault.shared.deletion.adapter.DynamoNoticeRepository;
import org.labvault.shared.deletion.adapter.SnsNoticePublisher;
import org.labvault.shared.deletion.port.NoticePublisher;
import org.labvault.shared.deletion.port.NoticeRepository;

/** Deletion notices: link state in DynamoDB, publication on the asset-events SNS topic, the schedule. */
@Module
public interface NoticeModule {
  @Binds
  NoticeRepository notices(DynamoNoticeRepository impl);

  @Binds
  NoticePublisher publisher(SnsNoticePublisher impl);

  @Provides
  @Singleton
  static NoticeSchedule schedule(Config config) {
    return NoticeSchedule.from(config);
  }
}
