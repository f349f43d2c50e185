package org.labvault.shared.instrument.domain;

import java.util.Map;

/** Names of key types and curves we refuse, so a refusal says what was sent without echoing bytes. */
final class KeyNames {

  private static final Map<String, String> KEY_TYPES = Map.of(
      "1.3.101.112", "an Ed25519 key",
      "1.3.101.113", "an Ed448 key",
      "1.3.101.110", "an X25519 key",
      "1.3.101.111", "an X448 key",
      "1.2.840.10040.4.1", "a DSA key",
      "1.2.840.113549.1.1.10", "an RSASSA-PSS key",
      "1.2.840.113549.1.3.1", "a Diffie-Hellman key");

  private static final Map<String, String> CURVES = Map.of(
      "1.3.132.0.35", "P-521",
      "1.3.132.0.10", "secp256k1",
      "1.2.840.10045.3.1.1", "P-192",
      "1.3.132.0.33", "P-224",
      "1.3.36.3.3.2.8.1.1.7", "brainpoolP256r1",
      "1.3.36.3.3.2.8.1.1.11", "brainpoolP384r1",
      "1.2.156.10197.1.301", "SM2");

  private KeyNames() {}

  static String keyType(String oid) {
    return KEY_TYPES.getOrDefault(oid, "an unsupported key type");
  }

  static String curve(String oid) {
    String name = CURVES.get(oid);
    return name == null ? "an unsupported curve" : "curve " + name;
  }
}
