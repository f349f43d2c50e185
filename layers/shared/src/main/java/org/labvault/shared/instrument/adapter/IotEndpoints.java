package org.labvault.shared.instrument.adapter;

import java.net.URI;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.labvault.shared.config.Config;
import software.amazon.awssdk.services.iot.IotClient;

/**
 * The account's IoT Core data endpoint: where instruments connect (MQTT over TLS, port 8883) and
 * where functions publish to them (HTTPS). Configuration names it when it is known ahead (the
 * local stack does); otherwise IoT Core's DescribeEndpoint does, once per execution environment.
 */
@Singleton
public final class IotEndpoints {

  static final int MQTT_TLS_PORT = 8883;
  private static final String DATA_ATS = "iot:Data-ATS";

  private final IotClient iot;
  private final Config config;
  private volatile String dataHost;

  @Inject
  public IotEndpoints(IotClient iot, Config config) {
    this.iot = iot;
    this.config = config;
  }

  /** Where instruments connect: {@code mqtts://<host>:<port>}. */
  public String mqtt() {
    return config.optional(Config.Names.MQTT_ENDPOINT)
        .orElseGet(() -> "mqtts://" + dataHost() + ":" + MQTT_TLS_PORT);
  }

  /** Where the data plane's HTTPS API is. */
  public URI dataPlane() {
    Optional<URI> configured = config.endpointOverride("iot_data_plane");
    return configured.orElseGet(() -> URI.create("https://" + dataHost()));
  }

  private String dataHost() {
    String host = dataHost;
    if (host == null) {
      host = iot.describeEndpoint(r -> r.endpointType(DATA_ATS)).endpointAddress();
      dataHost = host;
    }
    return host;
  }
}
