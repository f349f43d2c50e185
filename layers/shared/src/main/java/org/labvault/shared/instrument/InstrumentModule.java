package org.labvault.shared.instrument;

import dagger.Binds;
import dagger.Module;
import org.labvault.shared.instrument.adapter.DynamoInstrumentRepository;
import org.labvault.shared.instrument.adapter.IotCoreThings;
import org.labvault.shared.instrument.adapter.IotDataMessages;
import org.labvault.shared.instrument.port.InstrumentMessages;
import org.labvault.shared.instrument.port.InstrumentRepository;
import org.labvault.shared.instrument.port.Things;

/** Instruments in DynamoDB, their things and certificates in IoT Core, messages to them over MQTT. */
@Module
public interface InstrumentModule {
  @Binds
  InstrumentRepository instruments(DynamoInstrumentRepository impl);

  @Binds
  Things things(IotCoreThings impl);

  @Binds
  InstrumentMessages messages(IotDataMessages impl);
}
