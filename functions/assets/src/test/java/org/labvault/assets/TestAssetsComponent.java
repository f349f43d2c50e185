package org.labvault.assets;

import dagger.Binds;
import dagger.BindsInstance;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import java.util.List;
import javax.inject.Singleton;
import org.labvault.shared.asset.adapter.DynamoAssetRepository;
import org.labvault.shared.asset.port.AssetRepository;
import org.labvault.shared.asset.port.ObjectStore;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.testing.EmbeddedTableModule;
import org.labvault.shared.testing.InMemoryObjectStore;
import org.labvault.shared.testing.TestClock;

/**
 * The Assets function on the real DynamoDB adapters against an in-process table, the bucket in
 * memory, a clock the test moves and the audit records in a list.
 */
@Singleton
@Component(modules = {TestAssetsComponent.Wiring.class, EmbeddedTableModule.class})
interface TestAssetsComponent extends AssetsComponent {

  AssetRepository repository();

  @Component.Factory
  interface Factory {
    TestAssetsComponent create(@BindsInstance software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo,
        @BindsInstance TestClock clock, @BindsInstance List<AuditEvent> audit, @BindsInstance InMemoryObjectStore objects);
  }

  @Module
  abstract class Wiring {
    @Provides
    static Clock clock(TestClock clock) {
      return clock;
    }

    @Binds
    abstract ObjectStore objects(InMemoryObjectStore impl);

    @Binds
    abstract AssetRepository assets(DynamoAssetRepository impl);
  }
}
