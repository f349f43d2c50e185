package org.labvault.deletion;

import dagger.BindsInstance;
import dagger.Component;
import java.util.List;
import javax.inject.Singleton;
import org.labvault.shared.asset.port.AssetRepository;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.deletion.DeletionModule;
import org.labvault.shared.deletion.port.AppRepository;
import org.labvault.shared.deletion.port.LinkRepository;
import org.labvault.shared.testing.EmbeddedTableModule;
import org.labvault.shared.testing.InMemoryBucketModule;
import org.labvault.shared.testing.InMemoryObjectStore;
import org.labvault.shared.testing.TestClock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The Deletion function on the real DynamoDB adapters against an in-process table, the bucket in
 * memory, a clock the test moves and the audit records in a list.
 */
@Singleton
@Component(modules = {EmbeddedTableModule.class, InMemoryBucketModule.class, DeletionModule.class})
interface TestDeletionComponent extends DeletionComponent {

  AssetRepository assetRepository();

  AppRepository appRepository();

  LinkRepository linkRepository();

  @Component.Factory
  interface Factory {
    TestDeletionComponent create(@BindsInstance DynamoDbClient dynamo, @BindsInstance TestClock clock,
        @BindsInstance List<AuditEvent> audit, @BindsInstance InMemoryObjectStore objects);
  }
}
