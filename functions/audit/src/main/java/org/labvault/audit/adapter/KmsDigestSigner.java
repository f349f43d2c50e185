package org.labvault.audit.adapter;

import javax.inject.Inject;
import org.labvault.audit.domain.Digest;
import org.labvault.audit.port.DigestSigner;
import org.labvault.shared.config.Config;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/** KMS Sign over the digest's bytes (RAW: KMS hashes them with SHA-256); KMS answers DER. */
public final class KmsDigestSigner implements DigestSigner {

  private final KmsClient kms;
  private final String keyId;

  @Inject
  public KmsDigestSigner(KmsClient kms, Config config) {
    this.kms = kms;
    this.keyId = config.require(Config.Names.AUDIT_DIGEST_KEY_ID);
  }

  @Override
  public String keyId() {
    return keyId;
  }

  @Override
  public byte[] sign(byte[] message) {
    return kms.sign(r -> r.keyId(keyId).message(SdkBytes.fromByteArray(message)).messageType(MessageType.RAW)
        .signingAlgorithm(SigningAlgorithmSpec.fromValue(Digest.ALGORITHM))).signature().asByteArray();
  }
}
