package org.labvault.audit.adapter;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.labvault.audit.port.DigestPublicKey;
import org.labvault.shared.config.Config;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.GetPublicKeyResponse;

/**
 * The digest key's public half from KMS GetPublicKey (DER SubjectPublicKeyInfo), fetched on first
 * use and kept for the execution environment: verifying then costs no call per digest.
 */
@Singleton
public final class KmsDigestPublicKey implements DigestPublicKey {

  private final KmsClient kms;
  private final Config config;
  private volatile Fetched fetched;

  private record Fetched(PublicKey key, Set<String> ids) {}

  @Inject
  public KmsDigestPublicKey(KmsClient kms, Config config) {
    this.kms = kms;
    this.config = config;
  }

  @Override
  public PublicKey key() {
    return fetched().key();
  }

  @Override
  public Set<String> keyIds() {
    return fetched().ids();
  }

  private Fetched fetched() {
    Fetched f = fetched;
    if (f == null) {
      // read on first use: a trail with no digest yet is verified without the key
      String keyId = config.require(Config.Names.AUDIT_DIGEST_KEY_ID);
      GetPublicKeyResponse res = kms.getPublicKey(r -> r.keyId(keyId));
      try {
        PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(res.publicKey().asByteArray()));
        f = new Fetched(key, java.util.stream.Stream.of(keyId, res.keyId()).filter(java.util.Objects::nonNull)
            .collect(java.util.stream.Collectors.toUnmodifiableSet()));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("the audit digest key is not an EC public key", e);
      }
      fetched = f;
    }
    return f;
  }
}
