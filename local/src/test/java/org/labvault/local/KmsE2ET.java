package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.labvault.local.testing.StackExtension;
import org.labvault.shared.json.Json;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsInvalidSignatureException;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/** The template's audit digest key and its alias, served by the stack's KMS endpoint. */
class KmsE2ET {

  private static final String ALIAS = "alias/labvault-dev-audit-digest";
  private static final SdkBytes DIGEST = SdkBytes.fromUtf8String("{\"chains\":{\"local\":\"a1b2\"},\"previous\":null}");

  @RegisterExtension static final StackExtension stack = new StackExtension();

  @Test
  void theTemplatesAlias_shouldSign_andTheKeysPublicKeyVerifyOffline() throws Exception {
    String keyArn = stack.stack().model().kmsKeys().get("AuditDigestKey").arn();
    try (KmsClient kms = stack.stack().kmsClient()) {
      var signed = kms.sign(r -> r.keyId(ALIAS).message(DIGEST).signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256));
      var publicKey = kms.getPublicKey(r -> r.keyId(keyArn));

      assertThat(signed.keyId()).isEqualTo(keyArn);
      Signature auditor = Signature.getInstance("SHA256withECDSA");
      auditor.initVerify(KeyFactory.getInstance("EC")
          .generatePublic(new X509EncodedKeySpec(publicKey.publicKey().asByteArray())));
      auditor.update(DIGEST.asByteArray());
      assertThat(auditor.verify(signed.signature().asByteArray())).isTrue();
      assertThatThrownBy(() -> kms.verify(r -> r.keyId(ALIAS).message(SdkBytes.fromUtf8String("{}"))
          .signature(signed.signature()).signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)))
          .isInstanceOf(KmsInvalidSignatureException.class);
    }
  }

  @Test
  void stackJson_shouldListTheKeyAndAlias_butNoKmsEndpoint_whichPortsJsonKeeps() throws Exception {
    var model = stack.stack().model();
    JsonNode stackJson = Json.instance().mapper().readTree(stack.stateDir().resolve("stack.json").toFile());
    JsonNode portsJson = Json.instance().mapper().readTree(stack.stateDir().resolve("ports.json").toFile());
    int kmsPort = stack.stack().kmsEndpoint().getPort();

    assertThat(stackJson.path("resources").path("AuditDigestKey").asText())
        .isEqualTo(model.kmsKeys().get("AuditDigestKey").arn());
    assertThat(stackJson.path("resources").path("AuditDigestKeyAlias").asText()).isEqualTo(ALIAS);
    stackJson.properties().forEach(field ->
        assertThat(field.getValue().asText()).as(field.getKey()).doesNotContain(":" + kmsPort));
    assertThat(portsJson.path("kmsEndpoint").asInt()).isEqualTo(kmsPort);
  }
}
