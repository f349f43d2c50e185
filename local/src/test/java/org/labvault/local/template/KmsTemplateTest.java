package org.labvault.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KMS keys and aliases as the stack reads them from a template. */
class KmsTemplateTest {

  /** One line, indented as a property of a key. */
  private static final String KEY_POLICY = "      KeyPolicy: {Version: \"2012-10-17\","
      + " Statement: [{Effect: Allow, Principal: {AWS: \"*\"}, Action: \"kms:*\", Resource: \"*\"}]}";

  @TempDir Path dir;

  private StackModel model(String yaml) throws IOException {
    Path file = dir.resolve("template.yaml");
    Files.writeString(file, yaml);
    return StackModel.build(Template.load(file), "eu-west-1", "111122223333", "lv");
  }

  private static StackModel realTemplate() {
    Path root = Path.of(System.getProperty("labvault.root", ".."));
    return StackModel.build(Template.load(root.resolve("template.yaml")), "us-east-1", "000000000000", "labvault-local");
  }

  private StackModel signingKey(String spec) throws IOException {
    return model("""
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Signer:
            Type: AWS::KMS::Key
            Properties:
              KeySpec: %s
              KeyUsage: SIGN_VERIFY
        %s
          SignerAlias:
            Type: AWS::KMS::Alias
            Properties:
              AliasName: alias/lv-signer
              TargetKeyId: !GetAtt Signer.Arn
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Handler: com.example.Handler::handleRequest
              Runtime: java21
              Environment:
                Variables:
                  KEY_ID: !Ref Signer
                  KEY_ID_ATTRIBUTE: !GetAtt Signer.KeyId
                  KEY_ARN: !GetAtt Signer.Arn
                  ALIAS: !Ref SignerAlias
        """.formatted(spec, KEY_POLICY));
  }

  @Test
  void theTemplatesAuditDigestKey_shouldBeAP256SigningKey_withItsAliasAndPhysicalNames() {
    StackModel m = realTemplate();

    Model.KmsKey key = m.kmsKeys().get("AuditDigestKey");
    assertThat(key.keySpec()).isEqualTo("ECC_NIST_P256");
    assertThat(key.enabled()).isTrue();
    assertThat(key.arn()).isEqualTo("arn:aws:kms:us-east-1:000000000000:key/" + key.keyId());
    Model.KmsAlias alias = m.kmsAliases().get("AuditDigestKeyAlias");
    assertThat(alias.aliasName()).isEqualTo("alias/labvault-dev-audit-digest");
    assertThat(alias.targetKeyId()).isEqualTo(key.keyId());
    assertThat(m.physicalNames())
        .containsEntry("AuditDigestKey", key.arn())
        .containsEntry("AuditDigestKeyAlias", "alias/labvault-dev-audit-digest");
    assertThat(m.notes()).contains(
        "AuditDigestKey: the key policy has no local effect (the local KMS checks signatures, not permissions)");
  }

  @Test
  void aKey_shouldAnswerRefAndGetAtt_withTheSameUuidAtEveryBuild() throws IOException {
    StackModel first = signingKey("ECC_NIST_P256");
    StackModel again = signingKey("ECC_NIST_P256");

    var env = first.functions().get("Fn").environment();
    String keyId = env.get("KEY_ID");
    assertThat(keyId).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(env)
        .containsEntry("KEY_ID_ATTRIBUTE", keyId)
        .containsEntry("KEY_ARN", "arn:aws:kms:eu-west-1:111122223333:key/" + keyId)
        .containsEntry("ALIAS", "alias/lv-signer");
    assertThat(again.functions().get("Fn").environment()).containsEntry("KEY_ID", keyId);
    assertThat(first.kmsAliases().get("SignerAlias").targetKeyId()).isEqualTo(keyId);
  }

  @Test
  void anotherKeySpec_shouldBeAnotherKey_asCloudFormationReplacesIt() throws IOException {
    assertThat(signingKey("ECC_NIST_P384").kmsKeys().get("Signer").keyId())
        .isNotEqualTo(signingKey("ECC_NIST_P256").kmsKeys().get("Signer").keyId());
    assertThat(signingKey("RSA_3072").kmsKeys().get("Signer").keySpec()).isEqualTo("RSA_3072");
  }

  @Test
  void whatTheLocalKmsCannotServe_shouldBeAnErrorAtStart_namingTheKey() {
    TemplateException e = catchThrowableOfType(TemplateException.class, () -> model("""
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Symmetric:
            Type: AWS::KMS::Key
            Properties:
              Origin: AWS_KMS
        %s
          Hmac:
            Type: AWS::KMS::Key
            Properties:
              KeySpec: HMAC_256
              KeyUsage: GENERATE_VERIFY_MAC
        %s
          Rotated:
            Type: AWS::KMS::Key
            Properties:
              KeySpec: ECC_NIST_P256
              KeyUsage: SIGN_VERIFY
              EnableKeyRotation: true
        %s
          NoPolicy:
            Type: AWS::KMS::Key
            Properties:
              KeySpec: ECC_NIST_P256
              KeyUsage: SIGN_VERIFY
          Stray:
            Type: AWS::KMS::Alias
            Properties:
              AliasName: alias/aws/mine
              TargetKeyId: 1234abcd-12ab-34cd-56ef-1234567890ab
          Dangling:
            Type: AWS::KMS::Alias
            Properties:
              AliasName: alias/dangling
              TargetKeyId: 1234abcd-12ab-34cd-56ef-1234567890ab
        """.formatted(KEY_POLICY, KEY_POLICY, KEY_POLICY)));

    assertThat(e.problems()).contains(
        "Symmetric: property Origin is not supported by the local stack",
        "Hmac: only asymmetric signing keys (KeyUsage SIGN_VERIFY, KeySpec ECC_NIST_P256, ECC_NIST_P384, RSA_2048,"
            + " RSA_3072, RSA_4096) are served locally, not KeySpec HMAC_256 with KeyUsage GENERATE_VERIFY_MAC",
        "Rotated.EnableKeyRotation: KMS rotates only symmetric keys, not KeySpec ECC_NIST_P256",
        "NoPolicy.KeyPolicy is required (an object, or a JSON string)",
        "Stray.AliasName alias/aws/mine must be alias/ followed by letters, digits, /, _ or - (and not alias/aws/...)",
        "Dangling.TargetKeyId must name a key of this template (!Ref or !GetAtt <Key>.Arn)");
    assertThat(e.problems()).anyMatch(p -> p.startsWith("Symmetric: only asymmetric signing keys")
        && p.endsWith("not KeySpec SYMMETRIC_DEFAULT with KeyUsage ENCRYPT_DECRYPT"));
  }
}
