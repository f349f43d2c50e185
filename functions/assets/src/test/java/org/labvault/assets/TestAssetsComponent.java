package org.labvault.assets;

import dagger.BindsInstance;
import dagger.Component;
import java.util.List;
import javax.inject.Singleton;
import org.labvault.shared.asset.port.AssetRepository;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.testing.EmbeddedTableModule;
import org.labvault.shared.testing.InMemoryBucketModule;
import org.labvault.shared.testing.InMemoryObjectStore;
import org.labvault.shared.testing.TestClock;

/**
 * The Assets function on the real DynamoDB adapters against an in-process table, the bucket in
 * memory, a clock the test moves and the audit records in a list.
 */
@Singleton
@Component(modules = {EmbeddedTableModule.class, InMemoryBucketModule.class})
interface TestAssetsComponent extends AssetsComponent {

  AssetRepository repository();

  @Component.Factory
  interface Factory {
    TestAssetsComponent create(@BindsInstance software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo,
        @BindsInstance TestClock clock, @BindsInstance List<AuditEvent> audit, @BindsInstance InMemoryObjectStore objects);
  }
}
