package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labvault.local.iot.IotRegistry;
import org.labvault.local.template.Template;
import org.labvault.local.testing.IngestSinkHandler;
import org.labvault.local.testing.Instruments;
import org.labvault.local.testing.Instruments.Client;
import org.labvault.local.testing.Instruments.Identity;
import org.labvault.local.testing.Stacks;
import org.labvault.shared.json.Json;

/**
 * The template's instrument policy and upload-request rule, run by the local stack: an instrument
 * publishes over MQTT with mutual TLS, and the rule invokes InstrumentIngestFunction with the
 * instrument and client id taken from the topic and the connection, never from the payload.
 *
 * <p>The stack runs a template made of template.yaml's own InstrumentPolicy, its failure queue,
 * and InstrumentIngestFunction's events and EventInvokeConfig as written there, with a recording
 * handler in place of the function's ({@link IngestSinkHandler}); and one more policy, for a
 * listener that may subscribe widely but receive only its own topics.
 */
class IotRulesE2ET {

  private static final String UPLOAD_REQUESTS = "upload-requests";

  @TempDir static Path dir;
  private static LocalStack stack;
  private static final List<Map.Entry<String, String>> sentToDestinations = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    Path template = dir.resolve("template.json");
    Files.writeString(template, Json.instance().write(testTemplate()));
    stack = LocalStack.start(StackOptions.defaults().withPort(0).withMqttPort(0).withStateDir(dir.resolve("state"))
        .withTemplate(template), (arn, json) -> sentToDestinations.add(Map.entry(arn, json)));
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @BeforeEach
  void reset() {
    IngestSinkHandler.RECEIVED.clear();
    IngestSinkHandler.CALLS.clear();
    sentToDestinations.clear();
  }

  /** template.yaml's IoT parts, with the recording handler in the ingest function. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> testTemplate() {
    Template real = Template.load(Stacks.root().resolve("template.yaml"));
    Map<String, Map<String, Object>> resources = real.resources();
    Map<String, Object> ingest = (Map<String, Object>) resources.get("InstrumentIngestFunction").get("Properties");
    Map<String, Object> function = new LinkedHashMap<>();
    function.put("Handler", IngestSinkHandler.class.getName() + "::handleRequest");
    function.put("Runtime", "java21");
    function.put("Timeout", 30);
    function.put("Events", ingest.get("Events"));
    function.put("EventInvokeConfig", ingest.get("EventInvokeConfig"));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("InstrumentPolicy", resources.get("InstrumentPolicy"));
    out.put("InstrumentIngestFailuresQueue", resources.get("InstrumentIngestFailuresQueue"));
    out.put("InstrumentIngestFunction", Map.of("Type", "AWS::Serverless::Function", "Properties", function));
    out.put("ListenerPolicy", Map.of("Type", "AWS::IoT::Policy", "Properties", Map.of(
        "PolicyName", "listener",
        "PolicyDocument", Map.of("Version", "2012-10-17", "Statement", List.of(
            Map.of("Effect", "Allow", "Action", "iot:Connect", "Resource", "*"),
            Map.of("Effect", "Allow", "Action", "iot:Subscribe", "Resource",
                "arn:aws:iot:us-east-1:000000000000:topicfilter/labvault/*"),
            Map.of("Effect", "Allow", "Action", "iot:Receive", "Resource",
                "arn:aws:iot:us-east-1:000000000000:topic/labvault/instruments/${iot:Connection.Thing.ThingName}/*"))))));
    return Map.of("Transform", "AWS::Serverless-2016-10-31", "Parameters", real.section("Parameters"), "Resources", out);
  }

  /** A registered instrument: its name, key and certificate. */
  record Instrument(String name, Identity identity, IotRegistry.Registration registration) {
    SSLContext tls() throws Exception {
      return Instruments.tls(stack.ca().certificate(), identity.key(), Instruments.certificate(registration.certificatePem()));
    }

    String topic(String leaf) {
      return Instruments.prefix(name) + leaf;
    }

    Client connect() throws Exception {
      return new Client(stack.mqttEndpoint(), name, tls());
    }
  }

  private static Instrument instrument() throws Exception {
    String name = "instr-" + UUID.randomUUID();
    Identity identity = Instruments.identity(name);
    return new Instrument(name, identity, Instruments.register(stack, name, identity));
  }

  private static void publish(Client client, String topic, String json) throws MqttException {
    client.mqtt.publish(topic, json.getBytes(StandardCharsets.UTF_8), 1, false);
  }

  private static JsonNode received(String requestId) {
    return IngestSinkHandler.RECEIVED.stream().filter(e -> e.path("requestId").asText().equals(requestId))
        .findFirst().orElse(null);
  }

  @Test
  void anUploadRequest_shouldInvokeTheIngestFunction_withTheInstrumentAndClientIdOfTheConnection() throws Exception {
    // given
    Instrument instrument = instrument();
    Instrument other = instrument();
    String requestId = "r-" + UUID.randomUUID();

    try (Client client = instrument.connect()) {
      // when: a message the rule does not select, then a request naming another instrument in its payload
      publish(client, instrument.topic("status"), "{\"requestId\":\"status-" + requestId + "\"}");
      publish(client, instrument.topic(UPLOAD_REQUESTS), """
          {"requestId":"%s","groupId":"g-1","name":"scan.tif","instrumentId":"%s","clientId":"%s"}"""
          .formatted(requestId, other.name(), other.name()));

      // then
      await().atMost(Duration.ofSeconds(20)).until(() -> received(requestId) != null);
      JsonNode event = received(requestId);
      assertThat(event.path("instrumentId").asText()).as("from the topic, not the payload").isEqualTo(instrument.name());
      assertThat(event.path("clientId").asText()).isEqualTo(instrument.name());
      assertThat(event.path("groupId").asText()).isEqualTo("g-1");
      assertThat(event.path("name").asText()).isEqualTo("scan.tif");
      assertThat(IngestSinkHandler.CALLS).doesNotContainKey("status-" + requestId);
    }
  }

  @Test
  void aRequestTheFunctionKeepsFailingOn_shouldBeRetriedTwice_thenSentToTheFailureQueue() throws Exception {
    // given
    Instrument instrument = instrument();
    String requestId = IngestSinkHandler.FAIL + UUID.randomUUID();
    String failureQueue = stack.model().queues().get("InstrumentIngestFailuresQueue").arn();

    try (Client client = instrument.connect()) {
      // when
      publish(client, instrument.topic(UPLOAD_REQUESTS), "{\"requestId\":\"" + requestId + "\"}");

      // then: the first call and the template's two retries, then the invocation record
      await().atMost(Duration.ofSeconds(30)).until(() -> !sentToDestinations.isEmpty());
      assertThat(IngestSinkHandler.CALLS.get(requestId)).hasValue(3);
      assertThat(sentToDestinations).singleElement().satisfies(sent -> {
        assertThat(sent.getKey()).isEqualTo(failureQueue);
        JsonNode record = Json.instance().mapper().readTree(sent.getValue());
        assertThat(record.at("/requestContext/condition").asText()).isEqualTo("RetriesExhausted");
        assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(3);
        assertThat(record.at("/requestPayload/instrumentId").asText()).isEqualTo(instrument.name());
      });
    }
  }

  @Test
  void aPublishToAnotherInstrumentsTopic_shouldBeDropped_beforeAnyRuleSeesIt() throws Exception {
    // given
    Instrument victim = instrument();
    Instrument intruder = instrument();
    String forged = "forged-" + UUID.randomUUID();
    String marker = "marker-" + UUID.randomUUID();

    // when
    try (Client client = intruder.connect()) {
      publish(client, victim.topic(UPLOAD_REQUESTS), "{\"requestId\":\"" + forged + "\"}");
    } catch (MqttException dropped) {
      // the broker may also close the connection of a client that publishes where it may not
    }
    try (Client client = intruder.connect()) {
      publish(client, intruder.topic(UPLOAD_REQUESTS), "{\"requestId\":\"" + marker + "\"}");
    }

    // then: the request published after it arrives, the refused one never does
    await().atMost(Duration.ofSeconds(20)).until(() -> received(marker) != null);
    assertThat(IngestSinkHandler.CALLS).doesNotContainKey(forged);
  }

  @Test
  void theTemplatesPolicy_shouldRefuseAClientIdThatIsNotTheThingsName_andACertificateWithoutPolicy() throws Exception {
    Instrument instrument = instrument();
    Instrument other = instrument();
    String bare = "bare-" + UUID.randomUUID();
    Identity bareIdentity = Instruments.identity(bare);
    Instrument withoutPolicy = new Instrument(bare, bareIdentity, stack.iot().register(bare, bareIdentity.csr()));

    for (var attempt : List.<ThrowingConnect>of(
        () -> new Client(stack.mqttEndpoint(), other.name(), instrument.tls()),
        () -> new Client(stack.mqttEndpoint(), "not-a-thing", instrument.tls()),
        withoutPolicy::connect)) {
      assertThatThrownBy(() -> attempt.connect().close())
          .isInstanceOfSatisfying(MqttSecurityException.class,
              e -> assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_NOT_AUTHORIZED));
    }
    try (Client client = instrument.connect()) {
      assertThat(client.mqtt.isConnected()).as("the same certificate as itself").isTrue();
    }
  }

  @Test
  void aSubscriber_shouldOnlyReceiveMessagesOnTopicsItsPolicyLetsItReceive() throws Exception {
    // given: a listener whose policy allows subscribing to every instrument's topics, receiving only its own
    String name = "listener-" + UUID.randomUUID();
    Identity identity = Instruments.identity(name);
    Instrument listener = new Instrument(name, identity, stack.iot().register(name, identity.csr()));
    stack.iot().attachPolicy("listener", listener.registration().certificateId());
    Instrument other = instrument();

    try (Client client = listener.connect()) {
      assertThat(client.subscribe("labvault/instruments/+/upload-responses")).isEqualTo(1);

      // when: the data plane answers another instrument, then the listener
      stack.mqtt().policy().publish(other.topic("upload-responses"), "{\"to\":\"other\"}".getBytes(StandardCharsets.UTF_8), 1)
          .get(10, TimeUnit.SECONDS);
      stack.mqtt().policy().publish(listener.topic("upload-responses"), "{\"to\":\"listener\"}".getBytes(StandardCharsets.UTF_8), 1)
          .get(10, TimeUnit.SECONDS);

      // then
      Instruments.Received first = client.next(10);
      assertThat(first).isNotNull();
      assertThat(first.topic()).isEqualTo(listener.topic("upload-responses"));
      assertThat(client.received).isEmpty();
    }
  }

  @FunctionalInterface
  interface ThrowingConnect {
    Client connect() throws Exception;
  }
}
