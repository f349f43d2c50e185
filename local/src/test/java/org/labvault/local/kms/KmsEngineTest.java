package org.labvault.local.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labvault.local.template.Model;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.GetPublicKeyResponse;
import software.amazon.awssdk.services.kms.model.InvalidKeyUsageException;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.KmsInvalidSignatureException;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.SignResponse;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/** The KMS engine driven through the SDK's KmsClient, as the digest function will call it. */
class KmsEngineTest {

  private static final String REGION = "us-east-1";
  private static final String ACCOUNT = "000000000000";
  private static final AwsBasicCredentials CREDENTIALS = AwsBasicCredentials.create("LVLOCALTEST", "secret-of-the-test");
  private static final String KEY_ID = "6f1d3a52-8c0e-4b7a-9d21-5e3c4b2a1f00";
  private static final String KEY_ARN = "arn:aws:kms:us-east-1:000000000000:key/" + KEY_ID;
  private static final String ALIAS = "alias/labvault-test-audit-digest";
  private static final SdkBytes DIGEST_DOCUMENT =
      SdkBytes.fromUtf8String("{\"chains\":{\"tenant-a\":\"7f3a\"},\"previous\":\"MEUCIQ\"}");

  @TempDir static Path keys;
  private static KmsEngine engine;
  private static KmsClient kms;

  @BeforeAll
  static void start() throws Exception {
    engine = KmsEngine.start(keys, 0, CREDENTIALS.accessKeyId(), CREDENTIALS.secretAccessKey(), REGION, ACCOUNT,
        List.of(new Model.KmsKey("AuditDigestKey", KEY_ID, KEY_ARN, "ECC_NIST_P256", true)),
        List.of(new Model.KmsAlias("AuditDigestKeyAlias", ALIAS, "arn:aws:kms:us-east-1:000000000000:" + ALIAS, KEY_ID)));
    kms = client(CREDENTIALS);
  }

  private static KmsClient client(AwsBasicCredentials credentials) {
    return KmsClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.of(REGION))
        .credentialsProvider(StaticCredentialsProvider.create(credentials)).endpointOverride(engine.endpoint()).build();
  }

  @AfterAll
  static void stop() {
    kms.close();
    engine.close();
  }

  private static SignResponse sign(SdkBytes message, MessageType type) {
    return kms.sign(r -> r.keyId(ALIAS).message(message).messageType(type)
        .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256));
  }

  @Test
  void aSignature_shouldVerify_forARawMessageAndForItsDigest() throws Exception {
    SdkBytes digest = SdkBytes.fromByteArray(MessageDigest.getInstance("SHA-256").digest(DIGEST_DOCUMENT.asByteArray()));

    SignResponse raw = sign(DIGEST_DOCUMENT, MessageType.RAW);
    SignResponse ofDigest = sign(digest, MessageType.DIGEST);

    assertThat(raw.keyId()).isEqualTo(KEY_ARN);
    assertThat(raw.signingAlgorithm()).isEqualTo(SigningAlgorithmSpec.ECDSA_SHA_256);
    // each signature verifies both ways: a DIGEST is the RAW message's SHA-256
    for (SdkBytes signature : List.of(raw.signature(), ofDigest.signature())) {
      assertThat(kms.verify(r -> r.keyId(KEY_ARN).message(DIGEST_DOCUMENT).signature(signature)
          .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)).signatureValid()).isTrue();
      assertThat(kms.verify(r -> r.keyId(KEY_ID).message(digest).messageType(MessageType.DIGEST).signature(signature)
          .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)).signatureValid()).isTrue();
    }
  }

  @Test
  void aTamperedMessage_shouldFailVerification_withKmsInvalidSignatureException() {
    SdkBytes signature = sign(DIGEST_DOCUMENT, MessageType.RAW).signature();
    SdkBytes tampered = SdkBytes.fromUtf8String(DIGEST_DOCUMENT.asUtf8String().replace("7f3a", "7f3b"));

    assertThatThrownBy(() -> kms.verify(r -> r.keyId(ALIAS).message(tampered).signature(signature)
        .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)))
        .isInstanceOf(KmsInvalidSignatureException.class);
  }

  @Test
  void theSignature_shouldVerifyOffline_withThePublicKeyAndTheJdkAlone() throws Exception {
    SdkBytes signature = sign(DIGEST_DOCUMENT, MessageType.RAW).signature();

    GetPublicKeyResponse publicKey = kms.getPublicKey(r -> r.keyId(ALIAS));

    assertThat(publicKey.keyId()).isEqualTo(KEY_ARN);
    assertThat(publicKey.keySpec()).isEqualTo(KeySpec.ECC_NIST_P256);
    assertThat(publicKey.signingAlgorithms()).containsExactly(SigningAlgorithmSpec.ECDSA_SHA_256);
    PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(publicKey.publicKey().asByteArray()));
    Signature auditor = Signature.getInstance("SHA256withECDSA");
    auditor.initVerify(key);
    auditor.update(DIGEST_DOCUMENT.asByteArray());
    assertThat(auditor.verify(signature.asByteArray())).isTrue();
  }

  @Test
  void anUnknownKey_shouldBeNotFound_andAnotherCurvesAlgorithm_anInvalidKeyUsage() {
    assertThatThrownBy(() -> kms.getPublicKey(r -> r.keyId("alias/none"))).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> kms.sign(r -> r.keyId("11111111-2222-3333-4444-555555555555").message(DIGEST_DOCUMENT)
        .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256))).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> kms.sign(r -> r.keyId(ALIAS).message(DIGEST_DOCUMENT)
        .signingAlgorithm(SigningAlgorithmSpec.RSASSA_PSS_SHA_256))).isInstanceOf(InvalidKeyUsageException.class);
  }

  @Test
  void aRequestSignedWithAnotherSecret_shouldBeRefused_beforeAnythingIsSigned() {
    try (KmsClient stranger = client(AwsBasicCredentials.create(CREDENTIALS.accessKeyId(), "not-the-secret"))) {
      KmsException e = catchThrowableOfType(KmsException.class, () -> stranger.sign(r -> r.keyId(ALIAS)
          .message(DIGEST_DOCUMENT).signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)));

      assertThat(e.statusCode()).isEqualTo(400);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
    }
  }

  @Test
  void anUnsignedRequest_shouldGetKmsJsonError_notAStackTrace() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(engine.endpoint())
        .header("Content-Type", KmsServer.CONTENT_TYPE).header("X-Amz-Target", "TrentService.Sign")
        .POST(HttpRequest.BodyPublishers.ofString("{\"KeyId\":\"" + ALIAS + "\"}", StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).contains(KmsServer.CONTENT_TYPE);
    assertThat(response.body()).contains("\"__type\":\"MissingAuthenticationTokenException\"").doesNotContain("at org.");
  }

  @Test
  void theKeyPair_shouldBeKeptInTheKeyDirectory_soAnotherStartVerifiesOldSignatures() throws Exception {
    SdkBytes signature = sign(DIGEST_DOCUMENT, MessageType.RAW).signature();

    try (KmsEngine again = KmsEngine.start(keys, 0, CREDENTIALS.accessKeyId(), CREDENTIALS.secretAccessKey(),
        REGION, ACCOUNT, List.of(new Model.KmsKey("AuditDigestKey", KEY_ID, KEY_ARN, "ECC_NIST_P256", true)), List.of());
        KmsClient client = KmsClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.of(REGION))
            .credentialsProvider(StaticCredentialsProvider.create(CREDENTIALS)).endpointOverride(again.endpoint())
            .build()) {
      assertThat(client.verify(r -> r.keyId(KEY_ID).message(DIGEST_DOCUMENT).signature(signature)
          .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)).signatureValid()).isTrue();
    }
    assertThat(keys.resolve(KEY_ID + ".json")).exists();
  }
}
