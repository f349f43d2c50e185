package org.labvault.local.pki;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.labvault.local.PrivateFiles;

/**
 * The local certificate authority that stands in for IoT Core's: its certificate is published in
 * stack.json ({@code caCertPem}); it signs the local MQTT broker's and instruments' certificates.
 * Kept in the state directory so certificates stay valid across restarts.
 */
public final class LocalCa {

  private static final Duration VALIDITY = Duration.ofDays(3650);
  private static final Duration DEVICE_VALIDITY = Duration.ofDays(3650);
  private static final Duration BROKER_VALIDITY = Duration.ofDays(825);

  private final String certificatePem;
  private final X509Certificate certificate;
  private final PrivateKey key;
  private final SecureRandom random = new SecureRandom();

  private LocalCa(String certificatePem, PrivateKey key) throws IOException {
    this.certificatePem = certificatePem;
    this.certificate = parseCertificate(certificatePem);
    this.key = key;
  }

  public static LocalCa open(Path dir) throws IOException {
    Path certFile = dir.resolve("ca.pem");
    Path keyFile = dir.resolve("ca-key.pem");
    if (Files.exists(certFile) && Files.exists(keyFile)) {
      String certPem = Files.readString(certFile, StandardCharsets.UTF_8);
      return new LocalCa(certPem, readPrivateKey(Files.readString(keyFile, StandardCharsets.UTF_8),
          parseCertificate(certPem)));
    }
    Files.createDirectories(dir);
    try {
      KeyPair keys = ecKeyPair();
      X500Name name = new X500Name("CN=LabVault Local CA,O=LabVault local stack");
      Instant now = Instant.now();
      var builder = new JcaX509v3CertificateBuilder(
          name,
          new BigInteger(64, new SecureRandom()),
          Date.from(now.minus(Duration.ofMinutes(5))),
          Date.from(now.plus(VALIDITY)),
          name,
          keys.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      builder.addExtension(Extension.subjectKeyIdentifier, false,
          new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic()));
      X509CertificateHolder cert =
          builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
      String certPem = pem(cert);
      PrivateFiles.write(keyFile, pem(keys.getPrivate()));
      Files.writeString(certFile, certPem, StandardCharsets.UTF_8);
      return new LocalCa(certPem, keys.getPrivate());
    } catch (OperatorCreationException | GeneralSecurityException e) {
      throw new IOException("cannot create the local CA", e);
    }
  }

  public String certificatePem() {
    return certificatePem;
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /**
   * An instrument's certificate from its CSR, as IoT Core's CreateCertificateFromCsr issues one: the
   * CSR's subject and public key, for TLS client authentication only. The private key stays with
   * the instrument.
   *
   * @param thingName the subject's CN when the CSR has no subject, or null for IoT Core's own
   * @throws IllegalArgumentException when the CSR's signature does not verify
   */
  public X509Certificate signCsr(PKCS10CertificationRequest csr, String thingName) {
    try {
      if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(csr.getSubjectPublicKeyInfo()))) {
        throw new IllegalArgumentException("the CSR's signature does not verify");
      }
      PublicKey publicKey = new JcaPEMKeyConverter().getPublicKey(csr.getSubjectPublicKeyInfo());
      // a CSR without a subject gets the one IoT Core writes into the certificates it issues
      X500Name subject = csr.getSubject().getRDNs().length > 0 ? csr.getSubject()
          : new X500Name("CN=" + (thingName == null ? "AWS IoT Certificate" : thingName));
      var builder = leafBuilder(subject, publicKey, DEVICE_VALIDITY);
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
      return issue(builder);
    } catch (OperatorCreationException | PKCSException | GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException("the CSR cannot be signed: " + e.getMessage(), e);
    }
  }

  /**
   * Writes a PKCS#12 key store with a new key and a certificate for the broker, valid for
   * 127.0.0.1 and localhost, and one with the CA's certificate as the only trusted one.
   */
  public void writeBrokerStores(Path keyStore, Path trustStore, char[] password) throws IOException {
    try {
      KeyPair keys = ecKeyPair();
      var builder = leafBuilder(new X500Name("CN=localhost,O=LabVault local stack"), keys.getPublic(), BROKER_VALIDITY);
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
          new GeneralName(GeneralName.iPAddress, InetAddress.getLoopbackAddress().getHostAddress()),
          new GeneralName(GeneralName.dNSName, "localhost")}));
      X509Certificate brokerCert = issue(builder);
      KeyStore keys12 = KeyStore.getInstance("PKCS12");
      keys12.load(null, null);
      keys12.setKeyEntry("broker", keys.getPrivate(), password, new Certificate[] {brokerCert, certificate});
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("labvault-local-ca", certificate);
      store(keys12, keyStore, password);
      store(trust, trustStore, password);
    } catch (OperatorCreationException | GeneralSecurityException e) {
      throw new IOException("cannot issue the broker's certificate", e);
    }
  }

  /** The hex SHA-256 of the certificate's DER encoding: its id, as IoT Core computes it. */
  public static String certificateId(X509Certificate certificate) {
    try {
      return java.util.HexFormat.of().formatHex(
          java.security.MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String pem(Object object) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    }
    return out.toString();
  }

  public static X509Certificate parseCertificate(String pem) throws IOException {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object object = parser.readObject();
      if (!(object instanceof X509CertificateHolder holder)) {
        throw new IOException("not a PEM certificate");
      }
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (GeneralSecurityException e) {
      throw new IOException("not a readable certificate", e);
    }
  }

  private JcaX509v3CertificateBuilder leafBuilder(X500Name subject, PublicKey publicKey, Duration validity)
      throws GeneralSecurityException, IOException {
    Instant now = Instant.now();
    var builder = new JcaX509v3CertificateBuilder(certificate, new BigInteger(128, random),
        Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(validity)), subject, publicKey);
    JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
    builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(certificate));
    builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey));
    return builder;
  }

  private X509Certificate issue(JcaX509v3CertificateBuilder builder) throws OperatorCreationException, GeneralSecurityException {
    ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(key);
    return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
  }

  private static KeyPair ecKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
    return generator.generateKeyPair();
  }

  private static void store(KeyStore store, Path file, char[] password) throws IOException, GeneralSecurityException {
    var bytes = new java.io.ByteArrayOutputStream();
    store.store(bytes, password);
    PrivateFiles.write(file, bytes.toByteArray());
  }

  /**
   * The CA's key as written by {@link #open}: an SEC 1 EC key that names neither its curve nor its
   * public key, so the curve is taken from the CA's certificate.
   */
  private static PrivateKey readPrivateKey(String pem, X509Certificate certificate) throws IOException {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object object = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (object instanceof PEMKeyPair pair) {
        var sec1 = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(pair.getPrivateKeyInfo().parsePrivateKey());
        var params = ((java.security.interfaces.ECPublicKey) certificate.getPublicKey()).getParams();
        return java.security.KeyFactory.getInstance("EC")
            .generatePrivate(new java.security.spec.ECPrivateKeySpec(sec1.getKey(), params));
      }
      if (object instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      throw new IOException("the local CA's key is not a PEM private key");
    } catch (GeneralSecurityException e) {
      throw new IOException("the local CA's key cannot be read", e);
    }
  }
}
