package org.labvault.shared.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/** Certificate signing requests made in the JVM, as an instrument would make them, for tests. */
public final class TestCsrs {

  private static final String SHA256_WITH_ECDSA = "1.2.840.10045.4.3.2";
  private static final String SHA256_WITH_RSA = "1.2.840.113549.1.1.11";
  private static final String COMMON_NAME = "2.5.4.3";

  private TestCsrs() {}

  /** A CSR for a new P-256 key: what instruments are expected to send. */
  public static String ecP256(String commonName) {
    return csr(keys("EC", 256), "SHA256withECDSA", SHA256_WITH_ECDSA, commonName);
  }

  /** A CSR for a new RSA key of {@code bits} (1024 is too weak for LabVault). */
  public static String rsa(int bits, String commonName) {
    return csr(keys("RSA", bits), "SHA256withRSA", SHA256_WITH_RSA, commonName);
  }

  private static KeyPair keys(String algorithm, int size) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
      if (algorithm.equals("EC")) {
        generator.initialize(new ECGenParameterSpec("secp256r1"));
      } else {
        generator.initialize(size);
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String csr(KeyPair keys, String jdkAlgorithm, String algorithmOid, String commonName) {
    byte[] name = tlv(0x30, tlv(0x31, tlv(0x30, oid(COMMON_NAME), tlv(0x0c, commonName.getBytes(StandardCharsets.UTF_8)))));
    byte[] info = tlv(0x30, tlv(0x02, new byte[] {0}), name, keys.getPublic().getEncoded(), tlv(0xa0));
    try {
      Signature signer = Signature.getInstance(jdkAlgorithm);
      signer.initSign(keys.getPrivate());
      signer.update(info);
      byte[] signature = signer.sign();
      byte[] algorithm = algorithmOid.equals(SHA256_WITH_RSA) ? tlv(0x30, oid(algorithmOid), tlv(0x05)) : tlv(0x30, oid(algorithmOid));
      byte[] bits = new byte[signature.length + 1];
      System.arraycopy(signature, 0, bits, 1, signature.length);
      byte[] der = tlv(0x30, info, algorithm, tlv(0x03, bits));
      return "-----BEGIN CERTIFICATE REQUEST-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
          + "\n-----END CERTIFICATE REQUEST-----\n";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] tlv(int tag, byte[]... contents) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (byte[] c : contents) {
      body.writeBytes(c);
    }
    int length = body.size();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    if (length < 0x80) {
      out.write(length);
    } else if (length < 0x100) {
      out.write(0x81);
      out.write(length);
    } else {
      out.write(0x82);
      out.write(length >> 8);
      out.write(length & 0xff);
    }
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }

  private static byte[] oid(String dotted) {
    String[] arcs = dotted.split("\\.");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
    for (int i = 2; i < arcs.length; i++) {
      long arc = Long.parseLong(arcs[i]);
      int groups = 1;
      for (long v = arc >> 7; v > 0; v >>= 7) {
        groups++;
      }
      for (int g = groups - 1; g >= 0; g--) {
        int b = (int) ((arc >> (7 * g)) & 0x7f);
        out.write(g == 0 ? b : b | 0x80);
      }
    }
    return tlv(0x06, out.toByteArray());
  }
}
