package org.labvault.shared.testing;

import dagger.Binds;
import dagger.Module;
import org.labvault.shared.instrument.adapter.DynamoInstrumentRepository;
import org.labvault.shared.instrument.port.InstrumentMessages;
import org.labvault.shared.instrument.port.InstrumentRepository;
import org.labvault.shared.instrument.port.Things;

/**
 * Test wiring for the functions that handle instruments: their records on the real DynamoDB
 * adapter (with {@link EmbeddedTableModule}), IoT Core a {@link FakeThings} and the messages to
 * instruments a {@link RecordedMessages}, both bound by the test component.
 */
@Module
public interface FakeIotModule {
  @Binds
  InstrumentRepository instruments(DynamoInstrumentRepository impl);

  @Binds
  Things things(FakeThings impl);

  @Binds
  InstrumentMessages messages(RecordedMessages impl);
}
