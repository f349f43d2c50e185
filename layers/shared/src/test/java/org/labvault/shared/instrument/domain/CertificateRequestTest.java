package org.labvault.shared.instrument.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.labvault.shared.instrument.domain.Asn1.bitString;
import static org.labvault.shared.instrument.domain.Asn1.commonName;
import static org.labvault.shared.instrument.domain.Asn1.integer;
import static org.labvault.shared.instrument.domain.Asn1.nullValue;
import static org.labvault.shared.instrument.domain.Asn1.oid;
import static org.labvault.shared.instrument.domain.Asn1.sequence;
import static org.labvault.shared.instrument.domain.Asn1.tlv;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.labvault.shared.error.ValidationException;

/** Requests built in the JVM, so the structure checks run even where openssl is missing. */
class CertificateRequestTest {

  static final String FIELD = "csrPem";
  static final byte[] SHA256_WITH_RSA = sequence(oid("1.2.840.113549.1.1.11"), nullValue());
  static final byte[] SHA1_WITH_RSA = sequence(oid("1.2.840.113549.1.1.5"), nullValue());
  static final byte[] ECDSA_WITH_SHA256 = sequence(oid("1.2.840.10045.4.3.2"));

  static final KeyPair P256 = keyPair("EC", new ECGenParameterSpec("secp256r1"));

  @Test
  void fromPem_shouldAcceptAnEcP256RequestAndDescribeItsKey() throws Exception {
    // given
    String pem = pem(request(P256, "SHA256withECDSA", ECDSA_WITH_SHA256, 0));
    // when
    var request = CertificateRequest.fromPem(FIELD, pem);
    // then
    assertThat(request.key()).isEqualTo(new InstrumentKey.Ec(InstrumentKey.Curve.P_256));
    assertThat(request.key().description()).isEqualTo("EC P-256");
    assertThat(request.subject()).isEqualTo("CN=instr-1");
    assertThat(request.toPem()).isEqualTo(pem);
  }

  @Test
  void fromPem_shouldRefuseVersionOtherThanZero() throws Exception {
    String pem = pem(request(P256, "SHA256withECDSA", ECDSA_WITH_SHA256, 1));
    assertRefused(pem).hasMessageContaining("version");
  }

  @Test
  void fromPem_shouldRefuseSha1EvenWhenTheSignatureVerifies() throws Exception {
    var rsa = keyPair("RSA", null);
    String pem = pem(request(rsa, "SHA1withRSA", SHA1_WITH_RSA, 0));
    assertRefused(pem).hasMessageContaining("SHA-1 with RSA").hasMessageContaining("use SHA-256, SHA-384 or SHA-512");
  }

  @Test
  void fromPem_shouldRefuseASignatureAlgorithmThatDoesNotMatchTheKey() throws Exception {
    // given: an EC key whose request claims an RSA signature
    String pem = pem(request(P256, "SHA256withECDSA", SHA256_WITH_RSA, 0));
    // then
    assertRefused(pem).hasMessageContaining("does not match the key type");
  }

  @Test
  void fromPem_shouldRefuseAnRsaKeyAbove8192BitsBeforeLookingAtTheSignature() {
    // given: a 9000-bit modulus (no private key needed: the size is refused first)
    var modulus = BigInteger.ONE.shiftLeft(8999).setBit(0);
    var rsaKey = sequence(integer(modulus), integer(65537));
    var spki = sequence(sequence(oid("1.2.840.113549.1.1.1"), nullValue()), bitString(rsaKey));
    var info = sequence(integer(0), commonName("big"), spki, tlv(0xA0));
    var der = sequence(info, SHA256_WITH_RSA, bitString(new byte[1125]));
    // then
    assertRefused(pem(der)).hasMessageContaining("9000 bits").hasMessageContaining("at most 8192");
  }

  @Test
  void fromPem_shouldRefuseARequestWithoutAttributes() throws Exception {
    // given: RFC 2986 makes the [0] attributes mandatory, even when empty
    var info = sequence(integer(0), commonName("instr-1"), P256.getPublic().getEncoded());
    var der = sequence(info, ECDSA_WITH_SHA256, bitString(sign(P256, "SHA256withECDSA", info)));
    // then
    assertRefused(pem(der)).hasMessageContaining("well-formed PKCS#10").hasMessageContaining("missing the attributes");
  }

  @Test
  void fromPem_shouldRefuseTrailingBytesAfterTheRequest() throws Exception {
    var der = Asn1.concat(request(P256, "SHA256withECDSA", ECDSA_WITH_SHA256, 0), new byte[] {0});
    assertRefused(pem(der)).hasMessageContaining("trailing bytes");
  }

  @Test
  void fromPem_shouldRefuseBase64OfSomethingElse() {
    assertRefused(pem("not a request at all".getBytes())).hasMessageContaining("well-formed PKCS#10");
  }

  @Test
  void fromPem_shouldRefuseMissingOrBlankInput() {
    assertRefused(null).hasMessage("csrPem: is required");
    assertRefused(" \n ").hasMessage("csrPem: is required");
  }

  @Test
  void fromPem_shouldRefuseGarbageWithoutEchoingIt() {
    assertRefused("<script>secret-token</script>")
        .hasMessageContaining("-----BEGIN CERTIFICATE REQUEST-----")
        .message().doesNotContain("secret-token");
  }

  @Test
  void fromPem_shouldRefuseBadBase64() {
    String pem = "-----BEGIN CERTIFICATE REQUEST-----\nMIIB!!!!\n-----END CERTIFICATE REQUEST-----\n";
    assertRefused(pem).hasMessageContaining("not valid base64");
  }

  @Test
  void fromPem_shouldRefuseAnEmptyBlockAndAMismatchedEndLine() {
    assertRefused("-----BEGIN CERTIFICATE REQUEST-----\n-----END CERTIFICATE REQUEST-----")
        .hasMessageContaining("block is empty");
    assertRefused("-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE-----")
        .hasMessageContaining("matching END line");
  }

  @Test
  void fromPem_shouldRefuseTextAroundTheBlock() throws Exception {
    String pem = "Subject: CN=instr-1\n" + pem(request(P256, "SHA256withECDSA", ECDSA_WITH_SHA256, 0));
    assertRefused(pem).hasMessageContaining("nothing around it");
  }

  @Test
  void fromPem_shouldRefuseInputAbove16KiB() throws Exception {
    String pem = pem(request(P256, "SHA256withECDSA", ECDSA_WITH_SHA256, 0));
    String atTheLimit = pem + "\n".repeat(CsrPem.MAX_CHARS - pem.length());
    assertThat(CertificateRequest.fromPem(FIELD, atTheLimit).key().description()).isEqualTo("EC P-256");
    assertRefused(atTheLimit + "\n").hasMessageContaining("at most 16384 characters");
  }

  static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(String pem) {
    return assertThatThrownBy(() -> CertificateRequest.fromPem(FIELD, pem))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith(FIELD + ": ");
  }

  static String pem(byte[] der) {
    return "-----BEGIN CERTIFICATE REQUEST-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END CERTIFICATE REQUEST-----\n";
  }

  static byte[] request(KeyPair keys, String jdkAlgorithm, byte[] algorithmId, int version)
      throws GeneralSecurityException {
    var info = sequence(integer(version), commonName("instr-1"), keys.getPublic().getEncoded(), tlv(0xA0));
    return sequence(info, algorithmId, bitString(sign(keys, jdkAlgorithm, info)));
  }

  static byte[] sign(KeyPair keys, String jdkAlgorithm, byte[] data) throws GeneralSecurityException {
    var signer = Signature.getInstance(jdkAlgorithm);
    signer.initSign(keys.getPrivate());
    signer.update(data);
    return signer.sign();
  }

  static KeyPair keyPair(String algorithm, ECGenParameterSpec curve) {
    try {
      var generator = KeyPairGenerator.getInstance(algorithm);
      if (curve != null) {
        generator.initialize(curve);
      } else {
        generator.initialize(2048);
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
