package org.labvault.local.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.labvault.shared.json.Json;

/** The operations on keys of each family, against the JDK's own verification of what they sign. */
class KmsActionsTest {

  private static final SigningKey P256 = key("11111111-1111-1111-1111-111111111111", KeySpec.ECC_NIST_P256, true);
  private static final SigningKey P384 = key("22222222-2222-2222-2222-222222222222", KeySpec.ECC_NIST_P384, true);
  private static final SigningKey RSA = key("33333333-3333-3333-3333-333333333333", KeySpec.RSA_2048, true);
  private static final SigningKey DISABLED = key("44444444-4444-4444-4444-444444444444", KeySpec.ECC_NIST_P256, false);
  private static final byte[] MESSAGE = "head:7f3a;previous:c0ffee".getBytes(StandardCharsets.UTF_8);

  private final KmsActions actions = new KmsActions(new KeyRing(
      Map.of(P256.keyId(), P256, P384.keyId(), P384, RSA.keyId(), RSA, DISABLED.keyId(), DISABLED),
      Map.of("alias/audit", P256.keyId()), "us-east-1", "000000000000"));

  private static SigningKey key(String id, KeySpec spec, boolean enabled) {
    return new SigningKey(id, "arn:aws:kms:us-east-1:000000000000:key/" + id, spec, enabled, spec.generate());
  }

  private Map<String, Object> call(String operation, Object... members) {
    Map<String, Object> body = new LinkedHashMap<>();
    for (int i = 0; i < members.length; i += 2) {
      Object value = members[i + 1];
      body.put((String) members[i], value instanceof byte[] bytes ? Base64.getEncoder().encodeToString(bytes) : value);
    }
    return actions.handle(operation, KmsRequest.parse(Json.instance().write(body).getBytes(StandardCharsets.UTF_8)));
  }

  private KmsError error(String operation, Object... members) {
    return catchThrowableOfType(KmsError.class, () -> call(operation, members));
  }

  private byte[] sign(SigningKey key, String algorithm, String messageType, byte[] message) {
    Map<String, Object> out = call("Sign", "KeyId", key.keyId(), "Message", message, "MessageType", messageType,
        "SigningAlgorithm", algorithm);
    assertThat(out).containsEntry("KeyId", key.arn()).containsEntry("SigningAlgorithm", algorithm);
    return Base64.getDecoder().decode((String) out.get("Signature"));
  }

  private static boolean jdkVerifies(String jdkAlgorithm, PublicKey key, byte[] signature) throws Exception {
    Signature verifier = Signature.getInstance(jdkAlgorithm);
    if (jdkAlgorithm.equals("RSASSA-PSS")) {
      verifier.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
    }
    verifier.initVerify(key);
    verifier.update(MESSAGE);
    return verifier.verify(signature);
  }

  @Test
  void aRawMessageAndItsDigest_shouldBeSignedAsTheJdkVerifiesThem_forEachKeyFamily() throws Exception {
    byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(MESSAGE);
    byte[] sha384 = MessageDigest.getInstance("SHA-384").digest(MESSAGE);

    assertThat(jdkVerifies("SHA256withECDSA", P256.keyPair().getPublic(), sign(P256, "ECDSA_SHA_256", "RAW", MESSAGE))).isTrue();
    assertThat(jdkVerifies("SHA256withECDSA", P256.keyPair().getPublic(), sign(P256, "ECDSA_SHA_256", "DIGEST", sha256))).isTrue();
    assertThat(jdkVerifies("SHA384withECDSA", P384.keyPair().getPublic(), sign(P384, "ECDSA_SHA_384", "DIGEST", sha384))).isTrue();
    assertThat(jdkVerifies("SHA256withRSA", RSA.keyPair().getPublic(), sign(RSA, "RSASSA_PKCS1_V1_5_SHA_256", "DIGEST", sha256))).isTrue();
    assertThat(jdkVerifies("RSASSA-PSS", RSA.keyPair().getPublic(), sign(RSA, "RSASSA_PSS_SHA_256", "RAW", MESSAGE))).isTrue();
    assertThat(jdkVerifies("RSASSA-PSS", RSA.keyPair().getPublic(), sign(RSA, "RSASSA_PSS_SHA_256", "DIGEST", sha256))).isTrue();
  }

  @Test
  void verify_shouldAcceptTheKeysOwnSignature_byAlias_andRefuseATamperedMessageAsKmsDoes() {
    byte[] signature = sign(P256, "ECDSA_SHA_256", "RAW", MESSAGE);
    byte[] tampered = MESSAGE.clone();
    tampered[0] ^= 1;

    assertThat(call("Verify", "KeyId", "alias/audit", "Message", MESSAGE, "Signature", signature,
        "SigningAlgorithm", "ECDSA_SHA_256"))
        .containsEntry("KeyId", P256.arn()).containsEntry("SignatureValid", true);
    KmsError e = error("Verify", "KeyId", "alias/audit", "Message", tampered, "Signature", signature,
        "SigningAlgorithm", "ECDSA_SHA_256");
    assertThat(e.type()).isEqualTo("KMSInvalidSignatureException");
    assertThat(e.status()).isEqualTo(400);
    assertThat(error("Verify", "KeyId", P256.keyId(), "Message", MESSAGE, "Signature", new byte[] {1, 2, 3},
        "SigningAlgorithm", "ECDSA_SHA_256").type()).isEqualTo("KMSInvalidSignatureException");
  }

  @Test
  void getPublicKey_shouldAnswerTheDerPublicKey_withTheKeysSpecAndAlgorithms() {
    Map<String, Object> out = call("GetPublicKey", "KeyId", "alias/audit");

    assertThat(out)
        .containsEntry("KeyId", P256.arn())
        .containsEntry("PublicKey", Base64.getEncoder().encodeToString(P256.keyPair().getPublic().getEncoded()))
        .containsEntry("KeySpec", "ECC_NIST_P256")
        .containsEntry("CustomerMasterKeySpec", "ECC_NIST_P256")
        .containsEntry("KeyUsage", "SIGN_VERIFY")
        .containsEntry("SigningAlgorithms", java.util.List.of("ECDSA_SHA_256"));
    assertThat(call("GetPublicKey", "KeyId", RSA.keyId()).get("SigningAlgorithms"))
        .asList().contains("RSASSA_PSS_SHA_256", "RSASSA_PKCS1_V1_5_SHA_512");
  }

  @Test
  void anAlgorithmTheKeyDoesNotSignWith_shouldBeInvalidKeyUsage_andAnUnknownOne_aValidationError() {
    assertThat(error("Sign", "KeyId", P256.keyId(), "Message", MESSAGE, "SigningAlgorithm", "ECDSA_SHA_384").type())
        .isEqualTo("InvalidKeyUsageException");
    assertThat(error("Sign", "KeyId", RSA.keyId(), "Message", MESSAGE, "SigningAlgorithm", "ECDSA_SHA_256").type())
        .isEqualTo("InvalidKeyUsageException");
    assertThat(error("Sign", "KeyId", P256.keyId(), "Message", MESSAGE, "SigningAlgorithm", "SM2DSA").type())
        .isEqualTo("ValidationException");
  }

  @Test
  void badMembers_shouldBeKmsErrors_notExceptionsOfTheServer() {
    assertThat(error("Sign", "Message", MESSAGE, "SigningAlgorithm", "ECDSA_SHA_256").getMessage())
        .contains("'KeyId' failed to satisfy constraint: Member must not be null");
    assertThat(error("Sign", "KeyId", P256.keyId(), "Message", new byte[4097], "SigningAlgorithm", "ECDSA_SHA_256")
        .getMessage()).contains("Member must have length between 1 and 4096");
    assertThat(error("Sign", "KeyId", P256.keyId(), "Message", new byte[20], "MessageType", "DIGEST",
        "SigningAlgorithm", "ECDSA_SHA_256").getMessage()).contains("expected 32 bytes, got 20");
    assertThat(error("Sign", "KeyId", P256.keyId(), "Message", MESSAGE, "MessageType", "EXTERNAL_MU",
        "SigningAlgorithm", "ECDSA_SHA_256").type()).isEqualTo("ValidationException");
    assertThat(error("Sign", "KeyId", P256.keyId(), "Message", "not base64!", "SigningAlgorithm", "ECDSA_SHA_256")
        .type()).isEqualTo("SerializationException");
    assertThat(error("Sign", "KeyId", 42, "Message", MESSAGE, "SigningAlgorithm", "ECDSA_SHA_256").type())
        .isEqualTo("SerializationException");
    assertThat(catchThrowableOfType(KmsError.class, () -> KmsRequest.parse("[1]".getBytes(StandardCharsets.UTF_8)))
        .type()).isEqualTo("SerializationException");
    assertThat(error("Encrypt", "KeyId", P256.keyId()).type()).isEqualTo("UnknownOperationException");
  }

  @Test
  void aDisabledKey_shouldNeitherSignVerifyNorShowItsPublicKey_asKmsRefusesThemAll() {
    KmsError e = error("Sign", "KeyId", DISABLED.keyId(), "Message", MESSAGE, "SigningAlgorithm", "ECDSA_SHA_256");

    assertThat(e.type()).isEqualTo("DisabledException");
    assertThat(e.status()).isEqualTo(409);
    assertThat(error("Verify", "KeyId", DISABLED.keyId(), "Message", MESSAGE, "Signature", new byte[] {1},
        "SigningAlgorithm", "ECDSA_SHA_256").type()).isEqualTo("DisabledException");
    assertThat(error("GetPublicKey", "KeyId", DISABLED.keyId()).type()).isEqualTo("DisabledException");
  }
}
