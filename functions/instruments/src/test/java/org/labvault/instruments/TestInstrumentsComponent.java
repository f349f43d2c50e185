package org.labvault.instruments;

import dagger.BindsInstance;
import dagger.Component;
import java.time.Clock;
import java.util.List;
import javax.inject.Singleton;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.instrument.port.InstrumentRepository;
import org.labvault.shared.testing.EmbeddedTableModule;
import org.labvault.shared.testing.FakeIotModule;
import org.labvault.shared.testing.FakeThings;
import org.labvault.shared.testing.RecordedMessages;

/** The Instruments function on the real DynamoDB adapters, IoT Core faked, the audit in a list. */
@Singleton
@Component(modules = {EmbeddedTableModule.class, FakeIotModule.class})
interface TestInstrumentsComponent extends InstrumentsComponent {

  InstrumentRepository repository();

  @Component.Factory
  interface Factory {
    TestInstrumentsComponent create(@BindsInstance software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo,
        @BindsInstance Clock clock, @BindsInstance List<AuditEvent> audit, @BindsInstance FakeThings things,
        @BindsInstance RecordedMessages messages);
  }
}
