package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.labvault.local.iot.IotRegistry;
import org.labvault.local.testing.Instruments;
import org.labvault.local.testing.Instruments.Client;
import org.labvault.local.testing.Instruments.Identity;
import org.labvault.local.testing.StackExtension;

/**
 * The local IoT Core: the MQTT broker with mutual TLS, driven by a real MQTT 3.1.1 client with
 * certificates the local CA issued from CSRs made here; the template's instrument policy, attached
 * to each certificate, binds each connection to its thing and its own topics.
 */
class MqttE2ET {

  @RegisterExtension static final StackExtension stack = new StackExtension();

  @TempDir Path temp;

  private static final AtomicInteger echoed = new AtomicInteger();

  /** A registered instrument: its name, key and certificate. */
  record Instrument(String name, Identity identity, IotRegistry.Registration registration) {
    SSLContext tls() throws Exception {
      return Instruments.tls(stack.stack().ca().certificate(), identity.key(),
          Instruments.certificate(registration.certificatePem()));
    }

    String topic(String leaf) {
      return Instruments.prefix(name) + leaf;
    }
  }

  @BeforeAll
  static void echoRequestsAsTheIngestRuleWill() {
    // a stand-in for the IoT rule and the data plane: every request is answered on its response topic
    stack.stack().mqtt().policy().onInbound(message -> {
      if (message.topic().endsWith("/request")) {
        echoed.incrementAndGet();
        stack.stack().mqtt().policy().publish(message.topic().replaceAll("/request$", "/response"),
            ("echo:" + new String(message.payload(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8), 1);
      }
    });
  }

  private static Instrument registered(Identity identity, String name) {
    return new Instrument(name, identity, Instruments.register(stack.stack(), name, identity));
  }

  private static Instrument registered() throws Exception {
    String name = "instr-" + UUID.randomUUID();
    return registered(Instruments.identity(name), name);
  }

  private static URI broker() {
    return stack.stack().mqttEndpoint();
  }

  @Test
  void aRegisteredInstrument_shouldConnectAsItself_andGetAnswersOnItsOwnResponseTopic() throws Exception {
    // given
    Instrument instrument = registered();
    assertThat(instrument.registration().certificateId()).matches("[0-9a-f]{64}");
    assertThat(broker().toString()).startsWith("mqtts://127.0.0.1:");

    try (Client client = new Client(broker(), instrument.name(), instrument.tls())) {
      assertThat(client.subscribe(instrument.topic("response"))).isEqualTo(1);

      // when
      client.mqtt.publish(instrument.topic("request"), "hello".getBytes(StandardCharsets.UTF_8), 1, false);

      // then
      Instruments.Received answer = client.next(10);
      assertThat(answer).isNotNull();
      assertThat(answer.topic()).isEqualTo(instrument.topic("response"));
      assertThat(answer.payload()).isEqualTo("echo:hello");
    }
  }

  @Test
  void anOpensslMadeKeyAndCsr_shouldRegisterAndConnect() throws Exception {
    assumeTrue(Instruments.hasOpenssl(), "needs the openssl command line");
    String name = "openssl-" + UUID.randomUUID();
    Instrument instrument = registered(Instruments.opensslIdentity(name, temp), name);

    try (Client client = new Client(broker(), name, instrument.tls())) {
      assertThat(client.mqtt.isConnected()).isTrue();
    }
  }

  @Test
  void connections_shouldBeRefused_withoutACertificate_withAnotherCasCertificate_orWithAnotherThingsClientId()
      throws Exception {
    Instrument instrument = registered();
    Instrument other = registered();
    X509Certificate ca = stack.stack().ca().certificate();

    // no client certificate: the TLS handshake fails
    assertThatThrownBy(() -> new Client(broker(), instrument.name(), Instruments.tls(ca, null, null)).close())
        .isInstanceOf(MqttException.class);

    // a certificate of another CA, with the thing's name in it
    Instruments.Foreign foreign = Instruments.signedByAnotherCa(instrument.name());
    assertThatThrownBy(() -> new Client(broker(), instrument.name(),
        Instruments.tls(ca, foreign.key(), foreign.certificate())).close())
        .isInstanceOf(MqttException.class);

    // a valid certificate presenting another thing's client id: CONNACK not authorized
    assertThatThrownBy(() -> new Client(broker(), other.name(), instrument.tls()).close())
        .isInstanceOfSatisfying(MqttSecurityException.class,
            e -> assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_NOT_AUTHORIZED));
  }

  @Test
  void aCertificateWithNoPolicyAttached_shouldNotConnect_untilThePolicyIsAttached() throws Exception {
    // given: registered as AttachThingPrincipal leaves it, without AttachPolicy
    String name = "bare-" + UUID.randomUUID();
    Identity identity = Instruments.identity(name);
    Instrument instrument = new Instrument(name, identity, stack.stack().iot().register(name, identity.csr()));

    // then: as in IoT Core, a certificate with no policy can do nothing, not even connect
    assertThatThrownBy(() -> new Client(broker(), name, instrument.tls()).close())
        .isInstanceOfSatisfying(MqttSecurityException.class,
            e -> assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_NOT_AUTHORIZED));

    // when
    stack.stack().iot().attachPolicy(Instruments.instrumentPolicy(stack.stack()), instrument.registration().certificateId());

    // then
    try (Client client = new Client(broker(), name, instrument.tls())) {
      assertThat(client.subscribe(instrument.topic("response"))).isEqualTo(1);
    }
  }

  @Test
  void revokingACertificate_shouldCloseItsOpenConnection_andRefuseNewOnes() throws Exception {
    // given
    Instrument instrument = registered();
    try (Client client = new Client(broker(), instrument.name(), instrument.tls())) {
      // when
      stack.stack().iot().revoke(instrument.registration().certificateId());

      // then
      assertThat(client.lost.await(10, TimeUnit.SECONDS)).as("the open connection is closed").isTrue();
    }
    assertThatThrownBy(() -> new Client(broker(), instrument.name(), instrument.tls()).close())
        .isInstanceOfSatisfying(MqttSecurityException.class,
            e -> assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_NOT_AUTHORIZED));
  }

  @Test
  void aSecondConnectionWithTheSameClientId_shouldTakeTheFirstOver() throws Exception {
    Instrument instrument = registered();
    try (Client first = new Client(broker(), instrument.name(), instrument.tls());
        Client second = new Client(broker(), instrument.name(), instrument.tls())) {
      assertThat(first.lost.await(10, TimeUnit.SECONDS)).as("the first connection is closed").isTrue();
      assertThat(second.mqtt.isConnected()).isTrue();
    }
  }

  @Test
  void anInstrument_shouldNeitherPublishNorSubscribeOutsideItsOwnTopics() throws Exception {
    // given: a victim listening on its own topics
    Instrument victim = registered();
    Instrument intruder = registered();
    try (Client listener = new Client(broker(), victim.name(), victim.tls())) {
      assertThat(listener.subscribe(Instruments.prefix(victim.name()) + "#")).isEqualTo(1);
      int echoedBefore = echoed.get();

      try (Client client = new Client(broker(), intruder.name(), intruder.tls())) {
        // when: subscriptions to another thing's topics or to wildcards above its own prefix
        assertThat(client.subscribe(victim.topic("response"))).as("another thing's topic").isEqualTo(0x80);
        assertThat(client.subscribe(Instruments.prefix(victim.name()) + "#")).isEqualTo(0x80);
        assertThat(client.subscribe("#")).isEqualTo(0x80);
        assertThat(client.subscribe("labvault/instruments/+/response")).isEqualTo(0x80);
        assertThat(client.subscribe("labvault/#")).isEqualTo(0x80);
        assertThat(client.subscribe("$share/g/" + intruder.topic("response"))).isEqualTo(0x80);
        assertThat(client.subscribe(Instruments.prefix(intruder.name()) + "#")).as("its own prefix").isEqualTo(1);

        // and: a publish to the victim's topics
        try {
          client.mqtt.publish(victim.topic("request"), "forged".getBytes(StandardCharsets.UTF_8), 1, false);
        } catch (MqttException dropped) {
          // the broker may also close the connection of a client that publishes where it may not
        }
      }

      // then: the victim gets only what the data plane sends it afterwards, never the forged request
      stack.stack().mqtt().policy().publish(victim.topic("marker"), "marker".getBytes(StandardCharsets.UTF_8), 1);
      Instruments.Received first = listener.next(10);
      assertThat(first).isNotNull();
      assertThat(first.topic()).isEqualTo(victim.topic("marker"));
      assertThat(echoed.get()).as("no rule saw the refused publish").isEqualTo(echoedBefore);
    }
  }
}
