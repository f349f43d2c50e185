package org.labvault.local.testing;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.labvault.local.LocalStack;
import org.labvault.local.iot.IotRegistry;
import org.labvault.local.pki.LocalCa;

/**
 * Instruments as a test plays them: a key pair made here (or by openssl) whose private key never
 * leaves the test, a CSR, and an MQTT 3.1.1 client over TLS with the signed certificate.
 */
public final class Instruments {
  private Instruments() {}

  /** A key made on the instrument, and what it sends to be registered. */
  public record Identity(PrivateKey key, PKCS10CertificationRequest csr) {}

  /** A message an instrument received. */
  public record Received(String topic, String payload) {}

  /** The prefix of every topic the template's instrument policy lets {@code thing} use. */
  public static String prefix(String thing) {
    return "labvault/instruments/" + thing + "/";
  }

  /** The name of the template's instrument policy ({@code InstrumentPolicy}), as AttachPolicy takes it. */
  public static String instrumentPolicy(LocalStack stack) {
    return stack.model().iotPolicies().get("InstrumentPolicy").policyName();
  }

  /**
   * Registers a working instrument as the Instruments function does: the thing, its certificate
   * from the CSR, and the template's instrument policy attached to the certificate.
   */
  public static IotRegistry.Registration register(LocalStack stack, String name, Identity identity) {
    IotRegistry.Registration registration = stack.iot().register(name, identity.csr());
    stack.iot().attachPolicy(instrumentPolicy(stack), registration.certificateId());
    return registration;
  }

  /** An EC P-256 key pair and a CSR for {@code CN=<name>}, made with Bouncy Castle. */
  public static Identity identity(String name) throws Exception {
    KeyPair keys = ecKeys();
    PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(new X500Principal("CN=" + name),
        keys.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
    return new Identity(keys.getPrivate(), csr);
  }

  /** The same, made by the openssl command line in {@code dir}. */
  public static Identity opensslIdentity(String name, Path dir) throws Exception {
    Path key = dir.resolve(name + "-key.pem");
    Path csr = dir.resolve(name + "-csr.pem");
    Process p = new ProcessBuilder("openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
        "-nodes", "-keyout", key.toString(), "-out", csr.toString(), "-subj", "/CN=" + name)
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("openssl failed: " + output);
    }
    return new Identity(readKey(Files.readString(key)), (PKCS10CertificationRequest) readPem(Files.readString(csr)));
  }

  /** Whether an openssl command line is installed. */
  public static boolean hasOpenssl() {
    try {
      Process p = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /** A key and its certificate, signed by a CA the stack does not know. */
  public record Foreign(PrivateKey key, X509Certificate certificate) {}

  public static Foreign signedByAnotherCa(String name) throws Exception {
    KeyPair ca = ecKeys();
    KeyPair leaf = ecKeys();
    Instant now = Instant.now();
    var builder = new JcaX509v3CertificateBuilder(new X500Name("CN=Another CA"), BigInteger.valueOf(now.toEpochMilli()),
        Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(1))), new X500Name("CN=" + name),
        leaf.getPublic());
    X509Certificate cert = new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.getPrivate())));
    return new Foreign(leaf.getPrivate(), cert);
  }

  /** TLS with a client certificate (or none when {@code cert} is null), trusting the stack's CA. */
  public static SSLContext tls(X509Certificate ca, PrivateKey key, X509Certificate cert) throws GeneralSecurityException, IOException {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", ca);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    char[] password = "test".toCharArray();
    if (cert != null) {
      keys.setKeyEntry("instrument", key, password, new Certificate[] {cert});
    }
    kmf.init(keys, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
    return context;
  }

  /** An MQTT client connected (or refused) over TLS; it records what arrives and when it is dropped. */
  public static final class Client implements AutoCloseable, MqttCallback {
    public final MqttClient mqtt;
    public final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    public final CountDownLatch lost = new CountDownLatch(1);

    public Client(URI endpoint, String clientId, SSLContext tls) throws MqttException {
      mqtt = new MqttClient("ssl://" + endpoint.getHost() + ":" + endpoint.getPort(), clientId, new MemoryPersistence());
      mqtt.setCallback(this);
      MqttConnectOptions options = new MqttConnectOptions();
      options.setSocketFactory(new NoDelay(tls.getSocketFactory()));
      options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
      options.setCleanSession(true);
      options.setAutomaticReconnect(false);
      options.setConnectionTimeout(10);
      mqtt.connect(options);
    }

    /** The granted QoS, or 128 (0x80) when the broker refused the subscription. */
    public int subscribe(String filter) {
      try {
        return mqtt.subscribeWithResponse(filter, 1).getGrantedQos()[0];
      } catch (MqttException e) {
        if (e.getReasonCode() == MqttException.REASON_CODE_SUBSCRIBE_FAILED) {
          return 0x80;
        }
        throw new AssertionError(e);
      }
    }

    public Received next(long seconds) throws InterruptedException {
      return received.poll(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void connectionLost(Throwable cause) {
      lost.countDown();
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      received.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8)));
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
      // nothing to do
    }

    @Override
    public void close() {
      try {
        if (mqtt.isConnected()) {
          mqtt.disconnect(2000);
        }
        mqtt.close(true);
      } catch (MqttException e) {
        // closing anyway
      }
    }
  }

  /**
   * TLS sockets with Nagle's algorithm off, as MQTT clients of devices set them: the client writes a
   * packet's header and body apart, and with Nagle on the body would wait for the delayed ACK of the
   * header (40 ms on Linux) before every round trip.
   */
  static final class NoDelay extends javax.net.ssl.SSLSocketFactory {
    private final javax.net.ssl.SSLSocketFactory tls;

    NoDelay(javax.net.ssl.SSLSocketFactory tls) {
      this.tls = tls;
    }

    private static java.net.Socket noDelay(java.net.Socket socket) throws IOException {
      socket.setTcpNoDelay(true);
      return socket;
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return tls.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return tls.getSupportedCipherSuites();
    }

    @Override
    public java.net.Socket createSocket() throws IOException {
      return noDelay(tls.createSocket());
    }

    @Override
    public java.net.Socket createSocket(java.net.Socket s, String host, int port, boolean autoClose) throws IOException {
      return noDelay(tls.createSocket(s, host, port, autoClose));
    }

    @Override
    public java.net.Socket createSocket(String host, int port) throws IOException {
      return noDelay(tls.createSocket(host, port));
    }

    @Override
    public java.net.Socket createSocket(String host, int port, java.net.InetAddress local, int localPort) throws IOException {
      return noDelay(tls.createSocket(host, port, local, localPort));
    }

    @Override
    public java.net.Socket createSocket(java.net.InetAddress host, int port) throws IOException {
      return noDelay(tls.createSocket(host, port));
    }

    @Override
    public java.net.Socket createSocket(java.net.InetAddress address, int port, java.net.InetAddress local, int localPort)
        throws IOException {
      return noDelay(tls.createSocket(address, port, local, localPort));
    }
  }

  public static X509Certificate certificate(String pem) throws IOException {
    return LocalCa.parseCertificate(pem);
  }

  private static KeyPair ecKeys() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static Object readPem(String pem) throws IOException {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      return parser.readObject();
    }
  }

  private static PrivateKey readKey(String pem) throws IOException {
    Object object = readPem(pem);
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    if (object instanceof PEMKeyPair pair) {
      return converter.getPrivateKey(pair.getPrivateKeyInfo());
    }
    return converter.getPrivateKey((PrivateKeyInfo) object);
  }
}
