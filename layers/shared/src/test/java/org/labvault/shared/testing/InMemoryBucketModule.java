package org.labvault.shared.testing;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import org.labvault.shared.asset.adapter.DynamoAssetRepository;
import org.labvault.shared.asset.port.AssetRepository;
import org.labvault.shared.asset.port.ObjectStore;

/**
 * Test wiring for the functions that handle assets: their metadata on the real DynamoDB adapter
 * (with {@link EmbeddedTableModule}), the bucket an {@link InMemoryObjectStore} and the clock a
 * {@link TestClock}, both bound by the test component.
 */
@Module
public interface InMemoryBucketModule {
  @Binds
  ObjectStore objects(InMemoryObjectStore impl);

  @Binds
  AssetRepository assets(DynamoAssetRepository impl);

  @Provides
  static Clock clock(TestClock clock) {
    return clock;
  }
}
