package org.labvault.local.kms;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** KMS's signing algorithms: each hashes with one digest and signs with one scheme. */
enum SigningAlgorithm {
  ECDSA_SHA_256(Scheme.ECDSA, "SHA-256"),
  ECDSA_SHA_384(Scheme.ECDSA, "SHA-384"),
  RSASSA_PSS_SHA_256(Scheme.RSA_PSS, "SHA-256"),
  RSASSA_PSS_SHA_384(Scheme.RSA_PSS, "SHA-384"),
  RSASSA_PSS_SHA_512(Scheme.RSA_PSS, "SHA-512"),
  RSASSA_PKCS1_V1_5_SHA_256(Scheme.RSA_PKCS1, "SHA-256"),
  RSASSA_PKCS1_V1_5_SHA_384(Scheme.RSA_PKCS1, "SHA-384"),
  RSASSA_PKCS1_V1_5_SHA_512(Scheme.RSA_PKCS1, "SHA-512");

  enum Scheme { ECDSA, RSA_PSS, RSA_PKCS1 }

  private final Scheme scheme;
  private final String digest;

  SigningAlgorithm(Scheme scheme, String digest) {
    this.scheme = scheme;
    this.digest = digest;
  }

  Scheme scheme() {
    return scheme;
  }

  /** The JDK's name of its digest, e.g. {@code SHA-256}. */
  String digest() {
    return digest;
  }

  int digestLength() {
    return newDigest().getDigestLength();
  }

  byte[] hash(byte[] message) {
    return newDigest().digest(message);
  }

  private MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The algorithm named {@code name}.
   *
   * @throws KmsError ValidationException for a name KMS does not know (or the local KMS does not sign with)
   */
  static SigningAlgorithm named(String name) {
    for (SigningAlgorithm algorithm : values()) {
      if (algorithm.name().equals(name)) {
        return algorithm;
      }
    }
    throw KmsError.constraint("signingAlgorithm", "'" + name + "'",
        "Member must satisfy enum value set: " + java.util.Arrays.toString(values()));
  }
}
