package org.labvault.local.engine;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.labvault.local.PrivateFiles;
import org.labvault.local.iot.BrokerPolicy;
import org.labvault.local.iot.IotAuthorizer;
import org.labvault.local.iot.IotRegistry;
import org.labvault.local.pki.LocalCa;

/**
 * The MQTT broker standing in for IoT Core: HiveMQ CE embedded, one TLS listener on 127.0.0.1 and
 * no plaintext one, client certificates required and verified against the local CA, sessions in
 * memory, no usage statistics sent anywhere. Its extension ({@link BrokerPolicy}) authorizes every
 * connection, publish, subscription and delivery by the policies attached to the certificate.
 */
public final class MqttEngine implements Engine {

  /** Its key in stack.json. */
  public static final String ENDPOINT = "mqttEndpoint";

  private final EmbeddedHiveMQ broker;
  private final BrokerPolicy policy;
  private final int port;

  private MqttEngine(EmbeddedHiveMQ broker, BrokerPolicy policy, int port) {
    this.broker = broker;
    this.policy = policy;
    this.port = port;
  }

  /**
   * Starts the broker.
   *
   * @param dir where its configuration, key stores and (unused, in-memory) data folder live
   * @param port its port on 127.0.0.1, or 0 for any free one
   */
  public static MqttEngine start(Path dir, int port, LocalCa ca, IotRegistry registry, IotAuthorizer authorizer)
      throws Exception {
    if (port != 0) {
      return startOn(port, dir, ca, registry, authorizer);
    }
    return startOnFreePort(FreePort::pick, dir, ca, registry, authorizer);
  }

  /** Starts the broker on a port {@code ports} picks, trying another if that one was taken meanwhile. */
  static MqttEngine startOnFreePort(IntSupplier ports, Path dir, LocalCa ca, IotRegistry registry,
      IotAuthorizer authorizer) throws Exception {
    return FreePort.startOnPicked(ports, chosen -> startOn(chosen, dir, ca, registry, authorizer));
  }

  private static MqttEngine startOn(int chosen, Path dir, LocalCa ca, IotRegistry registry, IotAuthorizer authorizer)
      throws Exception {
    Path conf = Files.createDirectories(dir.resolve("conf"));
    Path data = Files.createDirectories(dir.resolve("data"));
    Path extensions = Files.createDirectories(dir.resolve("extensions"));
    byte[] secret = new byte[18];
    new SecureRandom().nextBytes(secret);
    String password = HexFormat.of().formatHex(secret);
    Path keyStore = conf.resolve("broker.p12");
    Path trustStore = conf.resolve("trust.p12");
    ca.writeBrokerStores(keyStore, trustStore, password.toCharArray());
    PrivateFiles.write(conf.resolve("config.xml"), config(chosen, keyStore, trustStore, password));

    BrokerPolicy policy = new BrokerPolicy(registry, authorizer);
    EmbeddedExtension extension = EmbeddedExtension.builder()
        .withId("labvault-iot-policy")
        .withName("LabVault IoT policy")
        .withVersion("1")
        .withPriority(1000)
        .withStartPriority(1000)
        .withExtensionMain(policy)
        .build();
    EmbeddedHiveMQ broker = EmbeddedHiveMQ.builder()
        .withConfigurationFolder(conf)
        .withDataFolder(data)
        .withExtensionsFolder(extensions)
        .withEmbeddedExtension(extension)
        .withoutLoggingBootstrap()
        .build();
    try {
      broker.start().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException | RuntimeException | java.util.concurrent.TimeoutException e) {
      stop(broker);
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new IOException("the MQTT broker did not start on 127.0.0.1:" + chosen + ": " + cause, cause);
    }
    return new MqttEngine(broker, policy, chosen);
  }

  private static String config(int port, Path keyStore, Path trustStore, String password) {
    return """
        <?xml version="1.0"?>
        <hivemq>
          <listeners>
            <tls-tcp-listener>
              <port>%d</port>
              <bind-address>127.0.0.1</bind-address>
              <name>labvault-mqtts</name>
              <tls>
                <protocols>
                  <protocol>TLSv1.3</protocol>
                  <protocol>TLSv1.2</protocol>
                </protocols>
                <keystore>
                  <path>%s</path>
                  <password>%s</password>
                  <private-key-password>%s</private-key-password>
                </keystore>
                <truststore>
                  <path>%s</path>
                  <password>%s</password>
                </truststore>
                <client-authentication-mode>REQUIRED</client-authentication-mode>
              </tls>
            </tls-tcp-listener>
          </listeners>
          <persistence>
            <mode>in-memory</mode>
          </persistence>
          <anonymous-usage-statistics>
            <enabled>false</enabled>
          </anonymous-usage-statistics>
        </hivemq>
        """.formatted(port, keyStore.toAbsolutePath(), password, password, trustStore.toAbsolutePath(), password);
  }

  public URI endpoint() {
    return URI.create("mqtts://127.0.0.1:" + port);
  }

  /** The extension: inbound messages (for IoT rules) and publishing (the IoT data plane). */
  public BrokerPolicy policy() {
    return policy;
  }

  @Override
  public String name() {
    return "MQTT";
  }

  private java.util.concurrent.CompletableFuture<Void> stopping;

  @Override
  public Map<String, URI> endpoints() {
    return Map.of(ENDPOINT, endpoint());
  }

  /**
   * Begins stopping the broker, which takes seconds: the stack stops its other parts meanwhile.
   * {@link #close} then waits for it.
   */
  public synchronized void beginStop() {
    if (stopping == null) {
      stopping = broker.stop();
    }
  }

  @Override
  public void close() {
    beginStop();
    try {
      stopping.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("LabVault local stack: the MQTT broker did not stop cleanly: " + e);
    }
  }

  private static void stop(EmbeddedHiveMQ broker) {
    try {
      broker.stop().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("LabVault local stack: the MQTT broker did not stop cleanly: " + e);
    }
  }
}
