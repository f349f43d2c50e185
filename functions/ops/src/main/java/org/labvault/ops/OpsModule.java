package org.labvault.ops;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import org.labvault.ops.adapter.DynamoDbProbe;
import org.labvault.ops.adapter.DynamoNoticeRepository;
import org.labvault.ops.adapter.S3Probe;
import org.labvault.ops.port.DependencyProbe;
import org.labvault.ops.port.NoticeRepository;

/** Binds the Ops function's ports to their AWS adapters. */
@Module
interface OpsModule {
  @Binds
  NoticeRepository notices(DynamoNoticeRepository impl);

  @Binds
  @IntoSet
  DependencyProbe dynamoDb(DynamoDbProbe impl);

  @Binds
  @IntoSet
  DependencyProbe s3(S3Probe impl);
}
