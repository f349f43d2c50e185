package org.labvault.local.kms;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.HexFormat;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * Signs and verifies a digest already computed, as KMS does for both message types (a RAW message
 * is hashed first): the result is what {@code SHA256withECDSA}, {@code SHA256withRSA} or RSASSA-PSS
 * (MGF1 with the same digest, salt as long as the digest) make of the message.
 */
final class DigestSigner {

  private static final SecureRandom RANDOM = new SecureRandom();

  private DigestSigner() {}

  static byte[] sign(SigningAlgorithm algorithm, PrivateKey key, byte[] digest) {
    try {
      return switch (algorithm.scheme()) {
        case ECDSA -> jdkSign("NONEwithECDSA", key, digest);
        case RSA_PKCS1 -> jdkSign("NONEwithRSA", key, digestInfo(algorithm, digest));
        case RSA_PSS -> {
          PSSSigner signer = pss(algorithm);
          signer.init(true, new ParametersWithRandom(PrivateKeyFactory.createKey(key.getEncoded()), RANDOM));
          signer.update(digest, 0, digest.length);
          yield signer.generateSignature();
        }
      };
    } catch (GeneralSecurityException | java.io.IOException | CryptoException e) {
      throw new IllegalStateException("cannot sign with " + algorithm, e);
    }
  }

  /** False for a signature that does not match, including one that is not even well formed. */
  static boolean verify(SigningAlgorithm algorithm, PublicKey key, byte[] digest, byte[] signature) {
    try {
      return switch (algorithm.scheme()) {
        case ECDSA -> jdkVerify("NONEwithECDSA", key, digest, signature);
        case RSA_PKCS1 -> jdkVerify("NONEwithRSA", key, digestInfo(algorithm, digest), signature);
        case RSA_PSS -> {
          PSSSigner signer = pss(algorithm);
          signer.init(false, PublicKeyFactory.createKey(key.getEncoded()));
          signer.update(digest, 0, digest.length);
          yield signer.verifySignature(signature);
        }
      };
    } catch (GeneralSecurityException | java.io.IOException | RuntimeException e) {
      return false;
    }
  }

  private static byte[] jdkSign(String name, PrivateKey key, byte[] data) throws GeneralSecurityException {
    Signature signature = Signature.getInstance(name);
    signature.initSign(key, RANDOM);
    signature.update(data);
    return signature.sign();
  }

  private static boolean jdkVerify(String name, PublicKey key, byte[] data, byte[] signed) throws GeneralSecurityException {
    Signature signature = Signature.getInstance(name);
    signature.initVerify(key);
    signature.update(data);
    return signature.verify(signed);
  }

  private static PSSSigner pss(SigningAlgorithm algorithm) {
    int saltLength = algorithm.digestLength();
    return PSSSigner.createRawSigner(new RSABlindedEngine(), bcDigest(algorithm), bcDigest(algorithm), saltLength,
        PSSSigner.TRAILER_IMPLICIT);
  }

  private static Digest bcDigest(SigningAlgorithm algorithm) {
    return switch (algorithm.digest()) {
      case "SHA-256" -> new SHA256Digest();
      case "SHA-384" -> new SHA384Digest();
      default -> new SHA512Digest();
    };
  }

  /** PKCS#1 v1.5 signs the DER DigestInfo: the digest's algorithm identifier, then the digest. */
  private static byte[] digestInfo(SigningAlgorithm algorithm, byte[] digest) {
    String prefix = switch (algorithm.digest()) {
      case "SHA-256" -> "3031300d060960864801650304020105000420";
      case "SHA-384" -> "3041300d060960864801650304020205000430";
      default -> "3051300d060960864801650304020305000440";
    };
    byte[] head = HexFormat.of().parseHex(prefix);
    byte[] out = java.util.Arrays.copyOf(head, head.length + digest.length);
    System.arraycopy(digest, 0, out, head.length, digest.length);
    return out;
  }
}
