package org.labvault.local.pki;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.labvault.local.PrivateFiles;

/**
 * The local certificate authority that stands in for IoT Core's: its certificate is published in
 * stack.json ({@code caCertPem}); it signs the local MQTT broker's and instruments' certificates.
 * Kept in the state directory so certificates stay valid across restarts.
 */
public final class LocalCa {

  private static final Duration VALIDITY = Duration.ofDays(3650);

  private final String certificatePem;

  private LocalCa(String certificatePem) {
    this.certificatePem = certificatePem;
  }

  public static LocalCa open(Path dir) throws IOException {
    Path certFile = dir.resolve("ca.pem");
    Path keyFile = dir.resolve("ca-key.pem");
    if (Files.exists(certFile) && Files.exists(keyFile)) {
      return new LocalCa(Files.readString(certFile, StandardCharsets.UTF_8));
    }
    Files.createDirectories(dir);
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
      KeyPair keys = generator.generateKeyPair();
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
      X509CertificateHolder cert =
          builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
      String certPem = pem(cert);
      PrivateFiles.write(keyFile, pem(keys.getPrivate()));
      Files.writeString(certFile, certPem, StandardCharsets.UTF_8);
      return new LocalCa(certPem);
    } catch (OperatorCreationException | java.security.GeneralSecurityException e) {
      throw new IOException("cannot create the local CA", e);
    }
  }

  public String certificatePem() {
    return certificatePem;
  }

  private static String pem(Object object) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    }
    return out.toString();
  }
}
