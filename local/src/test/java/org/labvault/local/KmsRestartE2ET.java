package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labvault.local.testing.Stacks;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/** The audit digest key is kept in the state directory: a digest signed before a restart verifies after it. */
class KmsRestartE2ET {

  private static final String ALIAS = "alias/labvault-dev-audit-digest";
  private static final SdkBytes DIGEST = SdkBytes.fromUtf8String("{\"chains\":{\"local\":\"a1b2\"},\"previous\":null}");

  @TempDir Path state;

  @Test
  void aSignatureMadeBeforeARestart_shouldVerifyAfterIt_withTheSameKeyIdAndPublicKey() throws Exception {
    // given
    SdkBytes signature;
    String keyId;
    SdkBytes publicKey;
    try (LocalStack first = Stacks.start(state); KmsClient kms = first.kmsClient()) {
      signature = kms.sign(r -> r.keyId(ALIAS).message(DIGEST).signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256))
          .signature();
      keyId = first.model().kmsKeys().get("AuditDigestKey").keyId();
      publicKey = kms.getPublicKey(r -> r.keyId(ALIAS)).publicKey();
    }

    // when
    try (LocalStack second = Stacks.start(state); KmsClient kms = second.kmsClient()) {
      // then
      assertThat(second.model().kmsKeys().get("AuditDigestKey").keyId()).isEqualTo(keyId);
      assertThat(kms.getPublicKey(r -> r.keyId(keyId)).publicKey()).isEqualTo(publicKey);
      assertThat(kms.verify(r -> r.keyId(ALIAS).message(DIGEST).signature(signature)
          .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)).signatureValid()).isTrue();
    }
  }
}
