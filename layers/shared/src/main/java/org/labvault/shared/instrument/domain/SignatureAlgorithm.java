package org.labvault.shared.instrument.domain;

import java.util.Map;

/**
 * The signature algorithms a request may be signed with: SHA-2 with RSA (PKCS#1 v1.5) or ECDSA.
 * RSASSA-PSS is refused: its parameters would need their own checks and IoT Core does not document
 * accepting PSS-signed requests.
 */
enum SignatureAlgorithm {
  SHA256_WITH_RSA("1.2.840.113549.1.1.11", "SHA256withRSA", KeyFamily.RSA),
  SHA384_WITH_RSA("1.2.840.113549.1.1.12", "SHA384withRSA", KeyFamily.RSA),
  SHA512_WITH_RSA("1.2.840.113549.1.1.13", "SHA512withRSA", KeyFamily.RSA),
  SHA256_WITH_ECDSA("1.2.840.10045.4.3.2", "SHA256withECDSA", KeyFamily.EC),
  SHA384_WITH_ECDSA("1.2.840.10045.4.3.3", "SHA384withECDSA", KeyFamily.EC),
  SHA512_WITH_ECDSA("1.2.840.10045.4.3.4", "SHA512withECDSA", KeyFamily.EC);

  enum KeyFamily {
    RSA,
    EC
  }

  /** Algorithms we know by name only to say precisely why they are refused. */
  private static final Map<String, String> REFUSED = Map.of(
      "1.2.840.113549.1.1.4", "MD5 with RSA",
      "1.2.840.113549.1.1.5", "SHA-1 with RSA",
      "1.2.840.113549.1.1.14", "SHA-224 with RSA",
      "1.2.840.113549.1.1.10", "RSASSA-PSS",
      "1.2.840.10045.4.1", "ECDSA with SHA-1",
      "1.2.840.10045.4.3.1", "ECDSA with SHA-224",
      "1.3.101.112", "Ed25519",
      "1.3.101.113", "Ed448",
      "2.16.840.1.101.3.4.3.2", "DSA with SHA-256",
      "1.2.840.10040.4.3", "DSA with SHA-1");

  private final String oid;
  private final String jdkName;
  private final KeyFamily keyFamily;

  SignatureAlgorithm(String oid, String jdkName, KeyFamily keyFamily) {
    this.oid = oid;
    this.jdkName = jdkName;
    this.keyFamily = keyFamily;
  }

  String jdkName() {
    return jdkName;
  }

  KeyFamily keyFamily() {
    return keyFamily;
  }

  static SignatureAlgorithm byOid(String oid) {
    for (SignatureAlgorithm algorithm : values()) {
      if (algorithm.oid.equals(oid)) {
        return algorithm;
      }
    }
    return null;
  }

  /** A short name for a refused algorithm we recognise, or null: never the client's bytes. */
  static String refusedName(String oid) {
    return REFUSED.get(oid);
  }
}
