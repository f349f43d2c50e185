package org.labvault.shared.deletion;

import dagger.Binds;
import dagger.Module;
import org.labvault.shared.deletion.adapter.DynamoNoticeRepository;
import org.labvault.shared.deletion.adapter.SnsNoticePublisher;
import org.labvault.shared.deletion.port.NoticePublisher;
import org.labvault.shared.deletion.port.NoticeRepository;

/** Deletion notices: link state in DynamoDB, publication on the asset-events SNS topic. */
@Module
public interface NoticeModule {
  @Binds
  NoticeRepository notices(DynamoNoticeRepository impl);

  @Binds
  NoticePublisher publisher(SnsNoticePublisher impl);
}
