package org.labvault.audit.port;

/** Signs digests with the audit digest key (KMS in AWS; the private key never leaves it). */
public interface DigestSigner {

  /** The key id digests name, as configured. */
  String keyId();

  /** The DER-encoded ECDSA (P-256, SHA-256) signature of {@code message}. */
  byte[] sign(byte[] message);
}
