package org.labvault.uploadevents;

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

/** The UploadEvents function on the real DynamoDB adapter in process and the bucket in memory. */
@Singleton
@Component(modules = {EmbeddedTableModule.class, InMemoryBucketModule.class})
interface TestUploadEventsComponent extends UploadEventsComponent {

  AssetRepository repository();

  @Component.Factory
  interface Factory {
    TestUploadEventsComponent create(@BindsInstance software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo,
        @BindsInstance TestClock clock, @BindsInstance List<AuditEvent> audit, @BindsInstance InMemoryObjectStore objects);
  }
}
