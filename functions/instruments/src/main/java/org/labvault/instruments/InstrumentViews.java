package org.labvault.instruments;

import java.time.Instant;
import org.labvault.shared.instrument.domain.Instrument;
import org.labvault.shared.instrument.domain.InstrumentGrant;
import org.labvault.shared.instrument.domain.Topics;

/** The shapes the Instruments routes answer with. */
final class InstrumentViews {
  private InstrumentViews() {}

  /** How the instrument talks to LabVault: MQTT over TLS, as itself, on its own topics. */
  record MqttView(String endpoint, String clientId, String requestTopic, String responseTopic) {}

  record InstrumentView(String instrumentId, String name, String serialNumber, String certificatePem,
      String certificateId, Instant createdAt, MqttView mqtt) {

    static InstrumentView of(Instrument i, String mqttEndpoint) {
      return new InstrumentView(i.instrumentId(), i.name(), i.serialNumber(), i.certificatePem(), i.certificateId(),
          i.createdAt(), new MqttView(mqttEndpoint, i.instrumentId(), Topics.uploadRequests(i.instrumentId()),
              Topics.uploadResponses(i.instrumentId())));
    }
  }

  record GrantView(String instrumentId, String name, Instant grantedAt, String grantedBy) {
    static GrantView of(InstrumentGrant g) {
      return new GrantView(g.instrumentId(), g.name(), g.grantedAt(), g.grantedBy());
    }
  }
}
