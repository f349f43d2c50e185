package org.labvault.local.iot.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import org.labvault.local.engine.LoopbackHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.labvault.dynamodb.server.SigV4Check;
import org.labvault.local.iot.IotRegistry;
import org.labvault.shared.json.Json;

/**
 * IoT's control plane and data plane on one port of 127.0.0.1. In AWS they are two hosts; here the
 * paths tell them apart ({@code /topics/...} is the data plane, the rest the control plane), so one
 * server and one port serve both, each plane checking the signature for its own service name. The
 * functions get the same URL for both (AWS_ENDPOINT_URL_IOT and AWS_ENDPOINT_URL_IOT_DATA_PLANE).
 */
final class IotServer implements AutoCloseable {

  /** Far above IoT's 128 KiB message and any control-plane body. */
  private static final int MAX_REQUEST_BYTES = 1024 * 1024;

  private LoopbackHttp http;
  private final Map<Operation.Plane, SigV4Check> signatures;
  private ControlPlane control;
  private DataPlane data;

  private IotServer(Map<Operation.Plane, SigV4Check> signatures) {
    this.signatures = signatures;
  }

  /**
   * @param signatures the check of each plane (the stack's credentials, its service name)
   */
  static IotServer start(int port, Map<Operation.Plane, SigV4Check> signatures, IotRegistry registry,
      TopicPublisher broker, String region, String accountId) throws IOException {
    IotServer server = new IotServer(Map.copyOf(signatures));
    server.http = LoopbackHttp.serve(port, server::serve);
    // DescribeEndpoint answers this very port: the data plane is here, plain HTTP on the loopback
    server.control = new ControlPlane(registry, region, accountId, "127.0.0.1:" + server.http.port());
    server.data = new DataPlane(broker);
    return server;
  }

  URI endpoint() {
    return http.endpoint();
  }

  String certificateArn(String certificateId) {
    return control.certificateArn(certificateId);
  }

  private void serve(HttpExchange exchange) throws IOException {
    String requestId = UUID.randomUUID().toString();
    try (exchange) {
      int status = 200;
      byte[] out;
      try {
        out = answer(exchange).body();
      } catch (IotError e) {
        status = e.status();
        exchange.getResponseHeaders().set("x-amzn-ErrorType", e.type());
        ObjectNode error = Json.instance().mapper().createObjectNode().put("message", e.getMessage());
        out = Json.instance().write(error).getBytes(StandardCharsets.UTF_8);
      } catch (RuntimeException e) {
        System.err.println("LabVault local stack: IoT request failed: " + e);
        IotError internal = IotError.internal();
        status = internal.status();
        exchange.getResponseHeaders().set("x-amzn-ErrorType", internal.type());
        out = Json.instance().write(Json.instance().mapper().createObjectNode().put("message", internal.getMessage()))
            .getBytes(StandardCharsets.UTF_8);
      }
      exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
      if (out.length > 0) {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
      }
      exchange.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        try (OutputStream stream = exchange.getResponseBody()) {
          stream.write(out);
        }
      }
    }
  }

  private IotResponse answer(HttpExchange exchange) throws IOException {
    byte[] body = read(exchange.getRequestBody());
    URI uri = exchange.getRequestURI();
    IotRequest request = IotRequest.parse(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
        name -> exchange.getRequestHeaders().get(name), body);
    Optional<SigV4Check.Refusal> refusal = signatures.get(Operation.planeOf(request)).check(
        exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(), name -> exchange.getRequestHeaders().get(name), body);
    if (refusal.isPresent()) {
      throw IotError.unauthorized(refusal.get().code() + ": " + refusal.get().message());
    }
    Operation.Routed routed = Operation.route(request).orElseThrow(() -> IotError.invalidRequest(
        "the local IoT endpoint serves no " + request.method() + " " + uri.getRawPath()));
    return routed.operation().plane() == Operation.Plane.DATA
        ? data.publish(routed.parameter(0), request)
        : control.handle(routed, request);
  }

  private static byte[] read(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_REQUEST_BYTES + 1);
    if (body.length > MAX_REQUEST_BYTES) {
      throw new IotError("RequestEntityTooLargeException", 413, "the request is too large");
    }
    return body;
  }

  @Override
  public void close() {
    http.close();
  }
}
