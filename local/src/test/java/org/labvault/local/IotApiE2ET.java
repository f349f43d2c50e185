package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labvault.local.pki.LocalCa;
import org.labvault.local.testing.Instruments;
import org.labvault.local.testing.Instruments.Client;
import org.labvault.local.testing.EnvironmentRecorder;
import org.labvault.local.testing.Stacks;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.CertificateStatus;
import software.amazon.awssdk.services.iot.model.CreateCertificateFromCsrResponse;
import software.amazon.awssdk.services.iot.model.ThingPrincipalType;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;

/**
 * The stack's IoT API as the Instruments functions use it: an instrument registered through the
 * control plane connects to the broker over mutual TLS, receives what the data plane publishes,
 * and is cut off when its certificate is revoked through the control plane. The stack runs a
 * template of one function, which shows the environment every function gets.
 */
class IotApiE2ET {

  @TempDir static Path state;
  private static LocalStack stack;

  @BeforeAll
  static void start() throws Exception {
    Path template = Stacks.root().resolve("local/src/test/resources/iot/template.yaml");
    stack = LocalStack.start(StackOptions.defaults().withPort(0).withMqttPort(0).withStateDir(state)
        .withTemplate(template));
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void everyFunction_shouldGetBothPlanesAndTheBroker_inItsEnvironment() {
    assertThat(EnvironmentRecorder.LAST.get())
        .containsEntry("AWS_ENDPOINT_URL_IOT", stack.iotEndpoint().toString())
        .containsEntry("AWS_ENDPOINT_URL_IOT_DATA_PLANE", stack.iotDataEndpoint().toString())
        .containsEntry("MQTT_ENDPOINT", stack.mqttEndpoint().toString())
        .containsEntry("AWS_ENDPOINT_URL_KMS", stack.kmsEndpoint().toString());
    assertThat(stack.iotEndpoint().toString()).startsWith("http://127.0.0.1:");
  }

  @Test
  void theIotApi_shouldStayOutOfStackJson_butKeepItsPortInPortsJson() throws Exception {
    var json = org.labvault.shared.json.Json.instance().mapper();
    var stackJson = json.readTree(state.resolve("stack.json").toFile());
    var portsJson = json.readTree(state.resolve("ports.json").toFile());

    stackJson.properties().forEach(field ->
        assertThat(field.getValue().asText()).as(field.getKey()).doesNotContain(":" + stack.iotEndpoint().getPort()));
    assertThat(portsJson.get("iotEndpoint").asInt()).isEqualTo(stack.iotEndpoint().getPort());
  }

  @Test
  void anInstrumentRegisteredThroughTheControlPlane_shouldConnect_receiveDataPlanePublishes_andBeCutOffWhenRevoked()
      throws Exception {
    String thing = "instr-" + UUID.randomUUID();
    Instruments.Identity identity = Instruments.identity(thing);
    String csr = LocalCa.pem(identity.csr());
    String responses = "labvault/instruments/" + thing + "/upload-responses";
    try (IotClient iot = stack.iotClient(); IotDataPlaneClient data = stack.iotDataClient()) {
      // registration, as POST /instruments does it
      iot.createThing(b -> b.thingName(thing));
      CreateCertificateFromCsrResponse certificate =
          iot.createCertificateFromCsr(b -> b.certificateSigningRequest(csr).setAsActive(true));
      iot.attachThingPrincipal(b -> b.thingName(thing).principal(certificate.certificateArn())
          .thingPrincipalType(ThingPrincipalType.EXCLUSIVE_THING));
      iot.attachPolicy(b -> b.policyName(Instruments.instrumentPolicy(stack)).target(certificate.certificateArn()));
      SSLContext tls = Instruments.tls(stack.ca().certificate(), identity.key(),
          Instruments.certificate(certificate.certificatePem()));

      try (Client client = new Client(stack.mqttEndpoint(), thing, tls)) {
        assertThat(client.subscribe(responses)).isEqualTo(1);

        // the data plane's Publish reaches the subscriber
        data.publish(b -> b.topic(responses).qos(1).payload(SdkBytes.fromUtf8String("{\"requestId\":\"r-1\"}")));
        Instruments.Received received = client.next(10);
        assertThat(received).isNotNull();
        assertThat(received.topic()).isEqualTo(responses);
        assertThat(received.payload()).isEqualTo("{\"requestId\":\"r-1\"}");

        // revocation, as DELETE /instruments/{id} does it: the open connection closes
        iot.updateCertificate(b -> b.certificateId(certificate.certificateId()).newStatus(CertificateStatus.REVOKED));
        assertThat(client.lost.await(10, TimeUnit.SECONDS)).as("the open connection is closed").isTrue();
      }
      assertThatThrownBy(() -> new Client(stack.mqttEndpoint(), thing, tls).close())
          .isInstanceOfSatisfying(MqttSecurityException.class,
              e -> assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_NOT_AUTHORIZED));
    }
  }

  @Test
  void theSdksStandardConfiguration_shouldFindBothPlanes_byTheNamesTheFunctionsGet() throws Exception {
    // aws.endpointUrlIot and aws.endpointUrlIotDataPlane are the system-property twins of
    // AWS_ENDPOINT_URL_IOT and AWS_ENDPOINT_URL_IOT_DATA_PLANE: no endpointOverride here
    System.setProperty("aws.endpointUrlIot", stack.iotEndpoint().toString());
    System.setProperty("aws.endpointUrlIotDataPlane", stack.iotDataEndpoint().toString());
    StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(
        stackJson("accessKeyId"), stackJson("secretAccessKey")));
    try (IotClient iot = IotClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
            .credentialsProvider(credentials).build();
        IotDataPlaneClient data = IotDataPlaneClient.builder().httpClient(UrlConnectionHttpClient.create())
            .region(Region.US_EAST_1).credentialsProvider(credentials).build()) {
      String address = iot.describeEndpoint(b -> b.endpointType("iot:Data-ATS")).endpointAddress();
      data.publish(b -> b.topic("labvault/instruments/nobody/upload-responses").qos(0)
          .payload(SdkBytes.fromString("x", StandardCharsets.UTF_8)));

      assertThat(address).isEqualTo("127.0.0.1:" + stack.iotDataEndpoint().getPort());
    } finally {
      System.clearProperty("aws.endpointUrlIot");
      System.clearProperty("aws.endpointUrlIotDataPlane");
    }
  }

  private static String stackJson(String key) throws Exception {
    return org.labvault.shared.json.Json.instance().mapper()
        .readTree(state.resolve("stack.json").toFile()).get(key).asText();
  }
}
