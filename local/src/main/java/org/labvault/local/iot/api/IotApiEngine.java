package org.labvault.local.iot.api;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.labvault.dynamodb.server.Credentials;
import org.labvault.dynamodb.server.SigV4Check;
import org.labvault.local.engine.Engine;
import org.labvault.local.iot.BrokerPolicy;
import org.labvault.local.iot.IotRegistry;

/**
 * IoT Core's HTTP APIs on 127.0.0.1: the control plane operations LabVault's functions call
 * (things, certificates from CSRs, attachments, status, DescribeEndpoint) on the local registry,
 * and the data plane's Publish onto the local MQTT broker. What the registry keeps persists with
 * it; the endpoint itself keeps nothing.
 */
public final class IotApiEngine implements Engine.Unlisted {

  /** Its key in ports.json only: stack.json's keys are the contract's, and it names no IoT API. */
  public static final String PORT_KEY = "iotEndpoint";

  private final IotServer server;

  private IotApiEngine(IotServer server) {
    this.server = server;
  }

  /**
   * @param broker where Publish goes; {@link BrokerPolicy#publish} in the stack
   * @param port its port on 127.0.0.1, or 0 for any free one
   */
  public static IotApiEngine start(int port, String accessKeyId, String secretAccessKey, String region,
      String accountId, IotRegistry registry, TopicPublisher broker) throws IOException {
    Credentials credentials = new Credentials(accessKeyId, secretAccessKey);
    Map<Operation.Plane, SigV4Check> signatures = Map.of(
        Operation.Plane.CONTROL, new SigV4Check(credentials, Operation.Plane.CONTROL.signingName()),
        Operation.Plane.DATA, new SigV4Check(credentials, Operation.Plane.DATA.signingName()));
    return new IotApiEngine(IotServer.start(port, signatures, registry, broker, region, accountId));
  }

  /** The control plane's URL (AWS_ENDPOINT_URL_IOT). */
  @Override
  public URI endpoint() {
    return server.endpoint();
  }

  /** The data plane's URL (AWS_ENDPOINT_URL_IOT_DATA_PLANE): the same server, told apart by path. */
  public URI dataEndpoint() {
    return server.endpoint();
  }

  /** A certificate's ARN as this endpoint writes and reads it. */
  public String certificateArn(String certificateId) {
    return server.certificateArn(certificateId);
  }

  @Override
  public String name() {
    return "IoT API";
  }

  @Override
  public String portKey() {
    return PORT_KEY;
  }

  @Override
  public void close() {
    server.close();
  }
}
