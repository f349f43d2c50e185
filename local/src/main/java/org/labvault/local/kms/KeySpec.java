package org.labvault.local.kms;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.List;

/** The asymmetric key specs the local KMS signs with, and the algorithms KMS allows for each. */
enum KeySpec {
  ECC_NIST_P256("EC", List.of(SigningAlgorithm.ECDSA_SHA_256)),
  ECC_NIST_P384("EC", List.of(SigningAlgorithm.ECDSA_SHA_384)),
  RSA_2048("RSA", rsaAlgorithms()),
  RSA_3072("RSA", rsaAlgorithms()),
  RSA_4096("RSA", rsaAlgorithms());

  private final String family;
  private final List<SigningAlgorithm> algorithms;

  KeySpec(String family, List<SigningAlgorithm> algorithms) {
    this.family = family;
    this.algorithms = algorithms;
  }

  /** The JDK's key algorithm: {@code EC} or {@code RSA}. */
  String family() {
    return family;
  }

  List<SigningAlgorithm> signingAlgorithms() {
    return algorithms;
  }

  KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(family);
      switch (this) {
        case ECC_NIST_P256 -> generator.initialize(new ECGenParameterSpec("secp256r1"));
        case ECC_NIST_P384 -> generator.initialize(new ECGenParameterSpec("secp384r1"));
        default -> generator.initialize(new RSAKeyGenParameterSpec(bits(), RSAKeyGenParameterSpec.F4));
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a " + this + " key", e);
    }
  }

  private int bits() {
    return Integer.parseInt(name().substring("RSA_".length()));
  }

  private static List<SigningAlgorithm> rsaAlgorithms() {
    return List.of(SigningAlgorithm.RSASSA_PSS_SHA_256, SigningAlgorithm.RSASSA_PSS_SHA_384,
        SigningAlgorithm.RSASSA_PSS_SHA_512, SigningAlgorithm.RSASSA_PKCS1_V1_5_SHA_256,
        SigningAlgorithm.RSASSA_PKCS1_V1_5_SHA_384, SigningAlgorithm.RSASSA_PKCS1_V1_5_SHA_512);
  }
}
