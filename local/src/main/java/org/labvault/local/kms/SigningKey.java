package org.labvault.local.kms;

import java.security.KeyPair;

/**
 * One asymmetric KMS key: its id, ARN, spec, whether it is enabled, and its key pair (the private
 * half never leaves the local KMS, as it never leaves KMS).
 */
record SigningKey(String keyId, String arn, KeySpec spec, boolean enabled, KeyPair keyPair) {

  /**
   * The algorithm, checked to be one this key signs with.
   *
   * @throws KmsError InvalidKeyUsageException otherwise, as KMS answers
   */
  SigningAlgorithm require(SigningAlgorithm algorithm) {
    if (!spec.signingAlgorithms().contains(algorithm)) {
      throw KmsError.invalidKeyUsage("Signing algorithm " + algorithm + " is not supported for KMS key " + arn
          + " (KeySpec " + spec + "); it supports " + spec.signingAlgorithms() + ".");
    }
    return algorithm;
  }

  /** @throws KmsError DisabledException when the key is disabled */
  SigningKey requireEnabled() {
    if (!enabled) {
      throw KmsError.disabled(arn);
    }
    return this;
  }
}
