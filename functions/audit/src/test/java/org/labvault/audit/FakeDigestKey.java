package org.labvault.audit;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.labvault.audit.port.DigestPublicKey;
import org.labvault.audit.port.DigestSigner;

/**
 * A P-256 key pair of the JDK in place of the KMS key: signatures are DER SHA256withECDSA, as KMS's
 * ECDSA_SHA_256 answers, so the verification under test is the one that checks KMS signatures.
 */
@Singleton
final class FakeDigestKey implements DigestSigner, DigestPublicKey {

  static final String KEY_ID = "11111111-2222-3333-4444-555555555555";

  private final KeyPair pair;
  private int signed;

  @Inject
  FakeDigestKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      this.pair = generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String keyId() {
    return KEY_ID;
  }

  @Override
  public synchronized byte[] sign(byte[] message) {
    try {
      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initSign(pair.getPrivate());
      s.update(message);
      signed++;
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** How many signatures were made (a digest that lost a race is signed again). */
  synchronized int signed() {
    return signed;
  }

  @Override
  public PublicKey key() {
    return pair.getPublic();
  }

  @Override
  public Set<String> keyIds() {
    return Set.of(KEY_ID, "arn:aws:kms:us-east-1:123456789012:key/" + KEY_ID);
  }
}
