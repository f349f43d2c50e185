package org.labvault.local.iot.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labvault.local.iot.IotRegistry;
import org.labvault.local.pki.LocalCa;
import org.labvault.local.testing.Instruments;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.CertificateStateException;
import software.amazon.awssdk.services.iot.model.CertificateStatus;
import software.amazon.awssdk.services.iot.model.CreateCertificateFromCsrResponse;
import software.amazon.awssdk.services.iot.model.CreateThingResponse;
import software.amazon.awssdk.services.iot.model.DeleteConflictException;
import software.amazon.awssdk.services.iot.model.InvalidRequestException;
import software.amazon.awssdk.services.iot.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.iot.model.ResourceNotFoundException;
import software.amazon.awssdk.services.iot.model.ThingPrincipalType;
import software.amazon.awssdk.services.iot.model.UnauthorizedException;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;

/**
 * The IoT endpoint driven by the real SDK v2 clients, as the production functions drive IoT Core:
 * every request goes over HTTP, signed, and every answer (and error) is read by the SDK. The
 * broker is a fake that records what Publish hands it.
 */
class IotApiSdkTest {

  private static final String ACCESS_KEY = "AKIDLOCALTEST";
  private static final String SECRET = "local-secret";
  private static final String ARN_PREFIX = "arn:aws:iot:us-east-1:000000000000:";

  /** A message the data plane published. */
  record Published(String topic, String payload, int qos) {}

  @TempDir Path temp;

  private final List<Published> published = new CopyOnWriteArrayList<>();
  private IotRegistry registry;
  private IotApiEngine engine;
  private IotClient iot;
  private IotDataPlaneClient data;

  @BeforeEach
  void start() throws Exception {
    registry = IotRegistry.open(temp.resolve("iot-registry.json"), LocalCa.open(temp.resolve("pki")), Clock.systemUTC());
    engine = IotApiEngine.start(0, ACCESS_KEY, SECRET, "us-east-1", "000000000000", registry, (topic, payload, qos) -> {
      published.add(new Published(topic, new String(payload, StandardCharsets.UTF_8), qos));
      return CompletableFuture.completedFuture(null);
    });
    iot = iotClient(SECRET);
    data = dataClient(SECRET);
  }

  @AfterEach
  void stop() {
    iot.close();
    data.close();
    engine.close();
  }

  private IotClient iotClient(String secret) {
    return IotClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, secret)))
        .endpointOverride(engine.endpoint()).build();
  }

  private IotDataPlaneClient dataClient(String secret) {
    return IotDataPlaneClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, secret)))
        .endpointOverride(engine.dataEndpoint()).build();
  }

  private static String csrPem(String name) throws Exception {
    return LocalCa.pem(Instruments.identity(name).csr());
  }

  /** A thing with an ACTIVE certificate attached exclusively and the policy attached, as registration leaves it. */
  private CreateCertificateFromCsrResponse registered(String thing) throws Exception {
    iot.createThing(b -> b.thingName(thing));
    CreateCertificateFromCsrResponse certificate =
        iot.createCertificateFromCsr(b -> b.certificateSigningRequest(pem(thing)).setAsActive(true));
    iot.attachThingPrincipal(b -> b.thingName(thing).principal(certificate.certificateArn())
        .thingPrincipalType(ThingPrincipalType.EXCLUSIVE_THING));
    iot.attachPolicy(b -> b.policyName("InstrumentPolicy").target(certificate.certificateArn()));
    return certificate;
  }

  private static String pem(String name) {
    try {
      return csrPem(name);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private IotRegistry.Certificate stored(String certificateId) {
    return registry.certificate(certificateId).orElseThrow();
  }

  @Test
  void theRegisterFlow_shouldCreateTheThing_issueTheCertificate_andAttachBoth() throws Exception {
    String thing = "instr-" + UUID.randomUUID();
    Instruments.Identity identity = Instruments.identity(thing);

    // CreateThing
    CreateThingResponse created = iot.createThing(b -> b.thingName(thing));
    assertThat(created.thingName()).isEqualTo(thing);
    assertThat(created.thingArn()).isEqualTo(ARN_PREFIX + "thing/" + thing);
    assertThat(created.thingId()).isNotBlank();
    assertThat(registry.thing(thing)).isPresent();

    // CreateCertificateFromCsr: the CSR's key, the CA's signature, the id IoT Core computes
    String csr = LocalCa.pem(identity.csr());
    CreateCertificateFromCsrResponse certificate = iot.createCertificateFromCsr(
        b -> b.certificateSigningRequest(csr).setAsActive(true));
    X509Certificate issued = LocalCa.parseCertificate(certificate.certificatePem());
    assertThat(certificate.certificateId()).isEqualTo(LocalCa.certificateId(issued)).matches("[0-9a-f]{64}");
    assertThat(certificate.certificateArn()).isEqualTo(ARN_PREFIX + "cert/" + certificate.certificateId());
    assertThat(issued.getPublicKey().getEncoded())
        .isEqualTo(identity.csr().getSubjectPublicKeyInfo().getEncoded());
    assertThat(stored(certificate.certificateId()).status()).isEqualTo(IotRegistry.Status.ACTIVE);
    assertThat(stored(certificate.certificateId()).thingName()).isNull();
    assertThat(registry.connectDecision(certificate.certificateId(), thing)).isNotNull();

    // AttachThingPrincipal, exclusively
    iot.attachThingPrincipal(b -> b.thingName(thing).principal(certificate.certificateArn())
        .thingPrincipalType(ThingPrincipalType.EXCLUSIVE_THING));
    assertThat(stored(certificate.certificateId()).thingName()).isEqualTo(thing);
    assertThat(stored(certificate.certificateId()).exclusive()).isTrue();
    assertThat(registry.connectDecision(certificate.certificateId(), thing)).isNull();

    // AttachPolicy
    iot.attachPolicy(b -> b.policyName("InstrumentPolicy").target(certificate.certificateArn()));
    assertThat(registry.attachedPolicies(certificate.certificateId())).containsExactly("InstrumentPolicy");
  }

  @Test
  void aCsrMadeByOpenssl_shouldBeSignedToo(@TempDir Path dir) throws Exception {
    assumeTrue(Instruments.hasOpenssl(), "openssl is not installed");
    String csr = LocalCa.pem(Instruments.opensslIdentity("openssl-instr", dir).csr());

    CreateCertificateFromCsrResponse certificate =
        iot.createCertificateFromCsr(b -> b.certificateSigningRequest(csr).setAsActive(false));

    assertThat(stored(certificate.certificateId()).status()).isEqualTo(IotRegistry.Status.INACTIVE);
    assertThat(LocalCa.parseCertificate(certificate.certificatePem()).getSubjectX500Principal().getName())
        .isEqualTo("CN=openssl-instr");
  }

  @Test
  void theRevokeFlow_shouldLeaveNothingBehind_stepByStep() throws Exception {
    String thing = "instr-" + UUID.randomUUID();
    CreateCertificateFromCsrResponse certificate = registered(thing);
    String id = certificate.certificateId();

    // UpdateCertificate REVOKED: connections refused
    iot.updateCertificate(b -> b.certificateId(id).newStatus(CertificateStatus.REVOKED));
    assertThat(stored(id).status()).isEqualTo(IotRegistry.Status.REVOKED);
    assertThat(registry.connectDecision(id, thing)).contains("REVOKED");

    // DetachPolicy
    iot.detachPolicy(b -> b.policyName("InstrumentPolicy").target(certificate.certificateArn()));
    assertThat(registry.attachedPolicies(id)).isEmpty();

    // DetachThingPrincipal
    iot.detachThingPrincipal(b -> b.thingName(thing).principal(certificate.certificateArn()));
    assertThat(stored(id).thingName()).isNull();

    // DeleteCertificate
    iot.deleteCertificate(b -> b.certificateId(id).forceDelete(false));
    assertThat(registry.certificate(id)).isEmpty();

    // DeleteThing
    iot.deleteThing(b -> b.thingName(thing));
    assertThat(registry.thing(thing)).isEmpty();
  }

  @Test
  void createThing_shouldBeIdempotentForTheSameAttributes_andRefuseOthers() {
    String thing = "instr-" + UUID.randomUUID();
    iot.createThing(b -> b.thingName(thing).attributePayload(p -> p.attributes(Map.of("serial", "S1"))));

    CreateThingResponse again =
        iot.createThing(b -> b.thingName(thing).attributePayload(p -> p.attributes(Map.of("serial", "S1"))));

    assertThat(again.thingName()).isEqualTo(thing);
    assertThat(registry.thing(thing).orElseThrow().attributes()).isEqualTo(Map.of("serial", "S1"));
    assertThatThrownBy(() -> iot.createThing(
        b -> b.thingName(thing).attributePayload(p -> p.attributes(Map.of("serial", "S2")))))
        .isInstanceOf(ResourceAlreadyExistsException.class)
        .satisfies(e -> assertThat(((ResourceAlreadyExistsException) e).statusCode()).isEqualTo(409));
  }

  @Test
  void aCertificateAttachedExclusively_shouldNotBeAttachedToASecondThing() throws Exception {
    String first = "instr-" + UUID.randomUUID();
    String second = "instr-" + UUID.randomUUID();
    CreateCertificateFromCsrResponse certificate = registered(first);
    iot.createThing(b -> b.thingName(second));

    assertThatThrownBy(() -> iot.attachThingPrincipal(b -> b.thingName(second).principal(certificate.certificateArn())))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("exclusively");
    assertThat(stored(certificate.certificateId()).thingName()).isEqualTo(first);
  }

  @Test
  void missingResources_shouldBeResourceNotFound() throws Exception {
    String unknownId = "a".repeat(64);
    String unknownArn = ARN_PREFIX + "cert/" + unknownId;
    String thing = "instr-" + UUID.randomUUID();
    CreateCertificateFromCsrResponse certificate =
        iot.createCertificateFromCsr(b -> b.certificateSigningRequest(pem(thing)).setAsActive(true));

    assertThatThrownBy(() -> iot.updateCertificate(b -> b.certificateId(unknownId).newStatus(CertificateStatus.REVOKED)))
        .isInstanceOf(ResourceNotFoundException.class)
        .satisfies(e -> assertThat(((ResourceNotFoundException) e).statusCode()).isEqualTo(404));
    assertThatThrownBy(() -> iot.attachThingPrincipal(b -> b.thingName("no-such-thing").principal(certificate.certificateArn())))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> iot.attachPolicy(b -> b.policyName("InstrumentPolicy").target(unknownArn)))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> iot.deleteCertificate(b -> b.certificateId(unknownId)))
        .isInstanceOf(ResourceNotFoundException.class);
    // as in IoT Core, deleting a thing that does not exist succeeds
    iot.deleteThing(b -> b.thingName("no-such-thing"));
  }

  @Test
  void certificatesInTheWrongState_shouldBeRefusedAsIotCoreRefusesThem() throws Exception {
    String thing = "instr-" + UUID.randomUUID();
    CreateCertificateFromCsrResponse certificate = registered(thing);
    String id = certificate.certificateId();

    // ACTIVE: not deletable
    assertThatThrownBy(() -> iot.deleteCertificate(b -> b.certificateId(id)))
        .isInstanceOf(CertificateStateException.class)
        .satisfies(e -> assertThat(((CertificateStateException) e).statusCode()).isEqualTo(406));
    iot.updateCertificate(b -> b.certificateId(id).newStatus(CertificateStatus.REVOKED));
    // REVOKED is final
    assertThatThrownBy(() -> iot.updateCertificate(b -> b.certificateId(id).newStatus(CertificateStatus.ACTIVE)))
        .isInstanceOf(CertificateStateException.class);
    // attached to a thing: a conflict; so is a thing with a certificate
    assertThatThrownBy(() -> iot.deleteCertificate(b -> b.certificateId(id)))
        .isInstanceOf(DeleteConflictException.class)
        .satisfies(e -> assertThat(((DeleteConflictException) e).statusCode()).isEqualTo(409));
    assertThatThrownBy(() -> iot.deleteThing(b -> b.thingName(thing))).isInstanceOf(InvalidRequestException.class);
    iot.detachThingPrincipal(b -> b.thingName(thing).principal(certificate.certificateArn()));
    // a policy still attached: a conflict, unless forced
    assertThatThrownBy(() -> iot.deleteCertificate(b -> b.certificateId(id).forceDelete(false)))
        .isInstanceOf(DeleteConflictException.class);
    iot.deleteCertificate(b -> b.certificateId(id).forceDelete(true));
    assertThat(registry.certificate(id)).isEmpty();
  }

  @Test
  void aCsrThatDoesNotParseOrVerify_shouldBeAnInvalidRequest() throws Exception {
    String valid = csrPem("tampered");
    byte[] der = Instruments.identity("tampered").csr().getEncoded();
    der[der.length - 1] ^= 0x01; // the signature no longer verifies
    String tampered = LocalCa.pem(new PKCS10CertificationRequest(der));

    assertThatThrownBy(() -> iot.createCertificateFromCsr(b -> b.certificateSigningRequest("not a csr").setAsActive(true)))
        .isInstanceOf(InvalidRequestException.class)
        .satisfies(e -> assertThat(((InvalidRequestException) e).statusCode()).isEqualTo(400));
    assertThatThrownBy(() -> iot.createCertificateFromCsr(b -> b.certificateSigningRequest(tampered).setAsActive(true)))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("signature");
    assertThat(valid).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
  }

  @Test
  void aCsrWithAWeakKey_shouldBeAnInvalidRequest() throws Exception {
    java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
    generator.initialize(1024);
    java.security.KeyPair keys = generator.generateKeyPair();
    String weak = LocalCa.pem(new org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder(
        new javax.security.auth.x500.X500Principal("CN=weak"), keys.getPublic())
        .build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));

    assertThatThrownBy(() -> iot.createCertificateFromCsr(b -> b.certificateSigningRequest(weak).setAsActive(true)))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("2048");
  }

  @Test
  void aBadSignature_shouldBeRefused_onBothPlanes() {
    try (IotClient wrongIot = iotClient("wrong-secret"); IotDataPlaneClient wrongData = dataClient("wrong-secret")) {
      String thing = "instr-" + UUID.randomUUID();

      assertThatThrownBy(() -> wrongIot.createThing(b -> b.thingName(thing)))
          .isInstanceOf(UnauthorizedException.class)
          .satisfies(e -> assertThat(((UnauthorizedException) e).statusCode()).isEqualTo(401));
      assertThatThrownBy(() -> wrongData.publish(b -> b.topic("labvault/instruments/x/y").qos(1)
          .payload(SdkBytes.fromUtf8String("{}"))))
          .isInstanceOf(software.amazon.awssdk.services.iotdataplane.model.UnauthorizedException.class);
      assertThat(registry.thing(thing)).isEmpty();
      assertThat(published).isEmpty();
    }
  }

  @Test
  void publish_shouldHandTheMessageToTheBroker_withItsTopicAndQos() {
    data.publish(b -> b.topic("labvault/instruments/i-1/upload-responses").qos(1)
        .payload(SdkBytes.fromUtf8String("{\"requestId\":\"r1\"}")));
    data.publish(b -> b.topic("labvault/instruments/i-1/other").payload(SdkBytes.fromUtf8String("x")));

    assertThat(published).containsExactly(
        new Published("labvault/instruments/i-1/upload-responses", "{\"requestId\":\"r1\"}", 1),
        new Published("labvault/instruments/i-1/other", "x", 0));
    assertThatThrownBy(() -> data.publish(b -> b.topic("labvault/instruments/+/x").payload(SdkBytes.fromUtf8String("x"))))
        .isInstanceOf(software.amazon.awssdk.services.iotdataplane.model.InvalidRequestException.class);
  }

  @Test
  void describeEndpoint_shouldAnswerTheLocalDataEndpoint() {
    String address = iot.describeEndpoint(b -> b.endpointType("iot:Data-ATS")).endpointAddress();

    URI data = engine.dataEndpoint();
    assertThat(address).isEqualTo("127.0.0.1:" + data.getPort());
  }
}
