package org.labvault.assets;

import dagger.BindsInstance;
import dagger.Component;
import java.util.List;
import javax.inject.Singleton;
import org.labvault.shared.asset.port.AssetRepository;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.instrument.port.InstrumentRepository;
import org.labvault.shared.testing.EmbeddedTableModule;
import org.labvault.shared.testing.FakeIotModule;
import org.labvault.shared.testing.FakeThings;
import org.labvault.shared.testing.InMemoryBucketModule;
import org.labvault.shared.testing.InMemoryObjectStore;
import org.labvault.shared.testing.RecordedMessages;
import org.labvault.shared.testing.TestClock;

/** The InstrumentIngest function on the real DynamoDB adapters, the bucket in memory, IoT faked. */
@Singleton
@Component(modules = {EmbeddedTableModule.class, InMemoryBucketModule.class, FakeIotModule.class})
interface TestInstrumentIngestComponent extends InstrumentIngestComponent {

  AssetRepository assets();

  InstrumentRepository instruments();

  @Component.Factory
  interface Factory {
    TestInstrumentIngestComponent create(@BindsInstance software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo,
        @BindsInstance TestClock clock, @BindsInstance List<AuditEvent> audit, @BindsInstance InMemoryObjectStore objects,
        @BindsInstance FakeThings things, @BindsInstance RecordedMessages messages);
  }
}
