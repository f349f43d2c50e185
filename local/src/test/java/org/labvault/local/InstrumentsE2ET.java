package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.labvault.local.testing.HttpApi;
import org.labvault.local.testing.Instruments;
import org.labvault.local.testing.Instruments.Client;
import org.labvault.local.testing.Instruments.Identity;
import org.labvault.local.testing.StackExtension;
import org.labvault.local.testing.Uploads;
import org.labvault.shared.json.Json;

/**
 * Instruments end to end: registered over the API from CSRs made here, connected with a real MQTT
 * client over mutual TLS, asking for uploads through the template's IoT rule and the ingest
 * function, answered over the IoT data plane, and revoked.
 */
class InstrumentsE2ET {

  @RegisterExtension static final StackExtension stack = new StackExtension();

  @TempDir Path temp;

  private static HttpApi api;
  private static String alice;
  private static String carol;
  private static String mallory;
  private static String group;
  private static String otherGroup;

  @BeforeAll
  static void users() {
    api = stack.api().waitingUpTo(Duration.ofSeconds(20));
    alice = api.token("alice", "acme");
    carol = api.token("carol", "acme");
    mallory = api.token("mallory", "globex");
    group = api.createGroup(alice, "Plate readers");
    api.addMember(alice, group, "carol", carol, "ADMIN");
    otherGroup = api.createGroup(mallory, "Elsewhere");
  }

  /** An instrument as registered through the API: its key, its id and its certificate. */
  record Registered(String id, Identity identity, JsonNode answer) {
    SSLContext tls() throws Exception {
      return Instruments.tls(stack.stack().ca().certificate(), identity.key(),
          Instruments.certificate(answer.path("certificatePem").asText()));
    }

    String topic(String leaf) {
      return "labvault/instruments/" + id + "/" + leaf;
    }

    Client connect() throws Exception {
      return new Client(broker(), id, tls());
    }
  }

  private static URI broker() {
    return stack.stack().mqttEndpoint();
  }

  private static String pem(Identity identity) throws Exception {
    return "-----BEGIN CERTIFICATE REQUEST-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(identity.csr().getEncoded())
        + "\n-----END CERTIFICATE REQUEST-----\n";
  }

  private static HttpApi.Answer register(String token, String csrPem) {
    return api.postJson("/instruments", token, Json.instance().write(
        Map.of("name", "Plate reader 3", "serialNumber", "PR-2291-X", "csrPem", csrPem)));
  }

  private static Registered registered(String token) throws Exception {
    Identity identity = Instruments.identity("instrument-" + UUID.randomUUID());
    HttpApi.Answer answer = register(token, pem(identity));
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    return new Registered(answer.json().path("instrumentId").asText(), identity, answer.json());
  }

  private static void grant(Registered instrument, String groupId) {
    HttpApi.Answer answer = api.send("PUT", "/groups/" + groupId + "/instruments/" + instrument.id(), alice, null, null);
    assertThat(answer.status()).as(answer.body()).isEqualTo(204);
  }

  private static String request(String requestId, String groupId, byte[] bytes) {
    return Json.instance().write(Map.of("requestId", requestId, "groupId", groupId, "name", "run-42.csv",
        "contentType", "text/csv", "sizeBytes", bytes.length, "sha256", Uploads.sha256(bytes)));
  }

  /** Publishes a request and waits for the answer on the response topic. */
  private static JsonNode ask(Client client, Registered instrument, String request) throws Exception {
    client.mqtt.publish(instrument.topic("upload-requests"), request.getBytes(StandardCharsets.UTF_8), 1, false);
    Instruments.Received reply = client.next(20);
    assertThat(reply).as("an answer on the response topic").isNotNull();
    assertThat(reply.topic()).isEqualTo(instrument.topic("upload-responses"));
    return Json.instance().mapper().readTree(reply.payload());
  }

  @Test
  void anInstrument_shouldRegisterConnectAskForAnUploadAndHaveItsFileVerified() throws Exception {
    Identity identity = Instruments.hasOpenssl()
        ? Instruments.opensslIdentity("plate-reader", temp)
        : Instruments.identity("plate-reader");
    HttpApi.Answer created = register(alice, pem(identity));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode answer = created.json();
    Registered instrument = new Registered(answer.path("instrumentId").asText(), identity, answer);
    assertThat(answer.path("certificateId").asText()).matches("[0-9a-f]{64}")
        .isEqualTo(org.labvault.local.pki.LocalCa.certificateId(Instruments.certificate(answer.path("certificatePem").asText())));
    assertThat(answer.at("/mqtt/endpoint").asText()).isEqualTo(stack.stack().mqttEndpoint().toString());
    assertThat(answer.at("/mqtt/clientId").asText()).isEqualTo(instrument.id());
    assertThat(answer.at("/mqtt/requestTopic").asText()).isEqualTo(instrument.topic("upload-requests"));
    grant(instrument, group);
    byte[] bytes = "well,absorbance\nA1,0.42\n".getBytes(StandardCharsets.UTF_8);

    try (Client client = instrument.connect()) {
      assertThat(client.subscribe(instrument.topic("upload-responses"))).isEqualTo(1);
      JsonNode reply = ask(client, instrument, request("run-42", group, bytes));

      assertThat(reply.path("requestId").asText()).isEqualTo("run-42");
      assertThat(reply.path("error").isMissingNode()).as(reply.toString()).isTrue();
      String assetId = reply.path("assetId").asText();
      var put = Uploads.put(reply.at("/upload/url").asText(), Uploads.headersOf(reply.path("upload")), bytes);
      assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

      JsonNode asset = api.waitingUpTo(Duration.ofSeconds(20))
          .get("/assets/" + assetId, alice).json();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!"AVAILABLE".equals(asset.path("status").asText()) && System.nanoTime() < deadline) {
        Thread.sleep(100);
        asset = api.get("/assets/" + assetId, alice).json();
      }
      assertThat(asset.path("status").asText()).isEqualTo("AVAILABLE");
      assertThat(asset.path("createdBy").asText()).isEqualTo("instrument:" + instrument.id());
      assertThat(asset.path("groupId").asText()).isEqualTo(group);

      // the same request again answers the same asset
      JsonNode again = ask(client, instrument, request("run-42", group, bytes));
      assertThat(again.path("assetId").asText()).isEqualTo(assetId);
      assertThat(again.path("status").asText()).isEqualTo("AVAILABLE");
    }
  }

  @Test
  void aGroupThatDidNotGrantTheInstrument_shouldBeAnswered404() throws Exception {
    Registered instrument = registered(alice);
    grant(instrument, group);
    try (Client client = instrument.connect()) {
      client.subscribe(instrument.topic("upload-responses"));
      JsonNode reply = ask(client, instrument, request("r-1", otherGroup, new byte[] {1}));
      assertThat(reply.path("requestId").asText()).isEqualTo("r-1");
      assertThat(reply.at("/error/status").asInt()).isEqualTo(404);
      assertThat(reply.at("/error/code").asText()).isEqualTo("NOT_FOUND");
      assertThat(reply.path("assetId").isMissingNode()).isTrue();
    }
    assertThat(api.get("/groups/" + otherGroup + "/assets", mallory).json().path("items")).isEmpty();
  }

  @Test
  void anInstrument_shouldNeverReachAnotherInstrumentsTopics() throws Exception {
    Registered mine = registered(alice);
    Registered theirs = registered(alice);
    grant(mine, group);
    grant(theirs, group);
    int assetsBefore = api.get("/groups/" + group + "/assets", alice).json().path("items").size();
    try (Client attacker = mine.connect(); Client victim = theirs.connect()) {
      assertThat(attacker.subscribe(theirs.topic("upload-responses"))).as("another's responses").isEqualTo(0x80);
      assertThat(attacker.subscribe("labvault/instruments/#")).as("everybody's").isEqualTo(0x80);
      assertThat(victim.subscribe(theirs.topic("upload-responses"))).isEqualTo(1);
      assertThat(attacker.subscribe(mine.topic("upload-responses"))).isEqualTo(1);

      // a request published under the other instrument's topic is dropped: no asset, no URL for anyone
      try {
        attacker.mqtt.publish(theirs.topic("upload-requests"),
            request("forged", group, new byte[] {1}).getBytes(StandardCharsets.UTF_8), 1, false);
      } catch (MqttException dropped) {
        // MQTT 3.1.1 has no way to refuse one publish: the broker closes the connection, as IoT Core does
      }
      assertThat(victim.next(3)).isNull();
      assertThat(attacker.next(1)).isNull();
    }
    assertThat(api.get("/groups/" + group + "/assets", alice).json().path("items")).hasSize(assetsBefore);
    // connecting under the other instrument's id is refused
    assertThatThrownBy(() -> new Client(broker(), theirs.id(), mine.tls()).close()).isInstanceOf(MqttException.class);
  }

  @Test
  void revoking_shouldCloseTheOpenConnectionAndRefuseTheNext() throws Exception {
    Registered instrument = registered(alice);
    try (Client client = instrument.connect()) {
      HttpApi.Answer revoked = api.send("DELETE", "/instruments/" + instrument.id(), alice, null, null);
      assertThat(revoked.status()).isEqualTo(204);
      assertThat(client.lost.await(10, TimeUnit.SECONDS)).as("the open connection is closed").isTrue();
    }
    assertThatThrownBy(() -> instrument.connect().close()).isInstanceOf(MqttException.class);
    assertThat(api.get("/instruments/" + instrument.id(), alice).status()).isEqualTo(404);
  }

  @Test
  void noClientCertificateOrAnotherCasCertificate_shouldBeRefused() throws Exception {
    Registered instrument = registered(alice);
    var none = Instruments.tls(stack.stack().ca().certificate(), null, null);
    assertThatThrownBy(() -> new Client(broker(), instrument.id(), none).close()).isInstanceOf(MqttException.class);
    var foreign = Instruments.signedByAnotherCa(instrument.id());
    var foreignTls = Instruments.tls(stack.stack().ca().certificate(), foreign.key(), foreign.certificate());
    assertThatThrownBy(() -> new Client(broker(), instrument.id(), foreignTls).close()).isInstanceOf(MqttException.class);
  }

  @Test
  void onlyTheOwnerWhoIsAdmin_shouldGrant_andOnlyTheOwnerSeesTheInstrument() throws Exception {
    Registered alices = registered(alice);
    Registered carols = registered(carol);

    assertThat(api.send("PUT", "/groups/" + group + "/instruments/" + carols.id(), alice, null, null).status())
        .as("ADMIN of the group, not the owner").isEqualTo(404);
    assertThat(api.send("PUT", "/groups/" + otherGroup + "/instruments/" + alices.id(), alice, null, null).status())
        .as("owner, not a member").isEqualTo(404);
    assertThat(api.send("PUT", "/groups/" + group + "/instruments/" + alices.id(), mallory, null, null).status())
        .as("another tenant").isEqualTo(404);
    assertThat(api.get("/instruments/" + alices.id(), mallory).status()).isEqualTo(404);
    assertThat(api.get("/instruments/" + alices.id(), carol).status()).isEqualTo(404);
    assertThat(api.send("DELETE", "/instruments/" + alices.id(), mallory, null, null).status()).isEqualTo(404);
    assertThat(api.get("/groups/" + group + "/instruments", mallory).status()).isEqualTo(404);
    assertThat(api.send("DELETE", "/groups/" + group + "/instruments/" + alices.id(), mallory, null, null).status())
        .isEqualTo(404);
    assertThat(api.get("/instruments", mallory).json().path("items")).isEmpty();

    grant(alices, group);
    JsonNode granted = api.get("/groups/" + group + "/instruments", carol).json();
    assertThat(granted.path("items")).extracting(i -> i.path("instrumentId").asText()).containsExactly(alices.id());
  }

  @Test
  void aWeakOrMissingCsr_shouldBe400() throws Exception {
    java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
    rsa.initialize(1024);
    var keys = rsa.generateKeyPair();
    var weak = new org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder(
        new javax.security.auth.x500.X500Principal("CN=weak"), keys.getPublic())
        .build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate()));
    int before = api.get("/instruments", alice).json().path("items").size();
    HttpApi.Answer answer = register(alice, pem(new Identity(keys.getPrivate(), weak)));
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.problemCode()).isEqualTo("VALIDATION");
    HttpApi.Answer missing = api.postJson("/instruments", alice, "{\"name\":\"x\",\"serialNumber\":\"1\"}");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(api.get("/instruments", alice).json().path("items")).hasSize(before);
  }
}
