package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labvault.local.iot.IotRegistry;
import org.labvault.local.testing.Instruments;
import org.labvault.local.testing.Instruments.Client;
import org.labvault.local.testing.Stacks;

/** Things and certificates are kept in the state directory: an instrument connects again after a restart. */
class MqttRestartE2ET {

  @TempDir Path state;

  @Test
  void aRegisteredCertificate_shouldConnectAgainAfterARestart() throws Exception {
    // given
    Instruments.Identity identity = Instruments.identity("restarted-instrument");
    IotRegistry.Registration registration;
    try (LocalStack first = Stacks.start(state)) {
      registration = Instruments.register(first, "restarted-instrument", identity);
    }

    // when
    try (LocalStack second = Stacks.start(state)) {
      // then
      assertThat(second.iot().certificate(registration.certificateId()).orElseThrow().status())
          .isEqualTo(IotRegistry.Status.ACTIVE);
      try (Client client = new Client(second.mqttEndpoint(), "restarted-instrument", Instruments.tls(
          second.ca().certificate(), identity.key(), Instruments.certificate(registration.certificatePem())))) {
        assertThat(client.mqtt.isConnected()).isTrue();
      }
    }
  }
}
