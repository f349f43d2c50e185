package org.labvault.local.iot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labvault.local.pki.LocalCa;
import org.labvault.local.testing.Instruments;

/** The registry's rules as the IoT API needs them, and its file across versions and restarts. */
class IotRegistryTest {

  @TempDir Path temp;

  private IotRegistry open() throws Exception {
    return IotRegistry.open(temp.resolve("iot-registry.json"), LocalCa.open(temp.resolve("pki")), Clock.systemUTC());
  }

  @Test
  void register_shouldStillDoTheThreeStepsAtOnce_attachingExclusively() throws Exception {
    IotRegistry registry = open();

    IotRegistry.Registration registration = registry.register("instr-1", Instruments.identity("instr-1").csr());

    IotRegistry.Certificate certificate = registry.certificate(registration.certificateId()).orElseThrow();
    assertThat(certificate.thingName()).isEqualTo("instr-1");
    assertThat(certificate.exclusive()).isTrue();
    assertThat(certificate.status()).isEqualTo(IotRegistry.Status.ACTIVE);
    assertThat(registry.connectDecision(registration.certificateId(), "instr-1")).isNull();
    registry.createThing("instr-2", Map.of());
    assertThatThrownBy(() -> registry.attachThing("instr-2", registration.certificateId(), false))
        .isInstanceOfSatisfying(IotRefusal.class, e -> assertThat(e.reason()).isEqualTo(IotRefusal.Reason.INVALID));
  }

  @Test
  void attributesAndExclusivity_shouldSurviveARestart() throws Exception {
    IotRegistry registry = open();
    registry.createThing("instr-1", Map.of("serial", "S1"));
    IotRegistry.Certificate certificate =
        registry.createCertificate(Instruments.identity("instr-1").csr(), IotRegistry.Status.ACTIVE);
    registry.attachThing("instr-1", certificate.certificateId(), true);

    IotRegistry reopened = open();

    assertThat(reopened.thing("instr-1").orElseThrow().attributes()).isEqualTo(Map.of("serial", "S1"));
    assertThat(reopened.certificate(certificate.certificateId()).orElseThrow().exclusive()).isTrue();
  }

  @Test
  void aFileWrittenBeforeAttributesAndExclusivity_shouldStillOpen() throws Exception {
    Files.writeString(temp.resolve("iot-registry.json"), """
        {"things":{"old":{"thingName":"old","createdAt":"2026-01-01T00:00:00Z"}},
         "certificates":{"%s":{"certificateId":"%s","certificatePem":"pem","status":"REVOKED",
           "thingName":"old","createdAt":"2026-01-01T00:00:00Z","policies":["InstrumentPolicy"]}}}
        """.formatted("a".repeat(64), "a".repeat(64)));

    IotRegistry registry = open();

    assertThat(registry.thing("old").orElseThrow().attributes()).isEmpty();
    IotRegistry.Certificate certificate = registry.certificate("a".repeat(64)).orElseThrow();
    assertThat(certificate.exclusive()).isFalse();
    assertThat(certificate.policies()).containsExactly("InstrumentPolicy");
    assertThat(certificate.status()).isEqualTo(IotRegistry.Status.REVOKED);
  }
}
