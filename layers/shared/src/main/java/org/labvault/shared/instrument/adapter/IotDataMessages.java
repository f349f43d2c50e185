package org.labvault.shared.instrument.adapter;

import javax.inject.Inject;
import javax.inject.Singleton;
import org.labvault.shared.aws.AwsModule;
import org.labvault.shared.instrument.port.InstrumentMessages;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;

/**
 * Publishes to instruments through IoT Core's data plane (HTTPS Publish, QoS 1). The client is
 * built at the first message: its endpoint is the account's own, which may need a DescribeEndpoint.
 */
@Singleton
public final class IotDataMessages implements InstrumentMessages {

  private static final int AT_LEAST_ONCE = 1;

  private final SdkHttpClient http;
  private final AwsCredentialsProvider credentials;
  private final Region region;
  private final IotEndpoints endpoints;
  private volatile IotDataPlaneClient client;

  @Inject
  public IotDataMessages(SdkHttpClient http, AwsCredentialsProvider credentials, Region region, IotEndpoints endpoints) {
    this.http = http;
    this.credentials = credentials;
    this.region = region;
    this.endpoints = endpoints;
  }

  @Override
  public void publish(String topic, byte[] json) {
    client().publish(r -> r.topic(topic).qos(AT_LEAST_ONCE).payload(SdkBytes.fromByteArray(json)));
  }

  private IotDataPlaneClient client() {
    IotDataPlaneClient c = client;
    if (c == null) {
      synchronized (this) {
        c = client;
        if (c == null) {
          c = IotDataPlaneClient.builder()
              .httpClient(http)
              .credentialsProvider(credentials)
              .region(region)
              .endpointOverride(endpoints.dataPlane())
              .overrideConfiguration(AwsModule.settings())
              .build();
          client = c;
        }
      }
    }
    return c;
  }
}
