package org.labvault.local.sns;

import com.sun.net.httpserver.HttpExchange;
import org.labvault.local.engine.LoopbackHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.labvault.dynamodb.server.SigV4Check;

/**
 * The SNS endpoint on 127.0.0.1: query-protocol requests (form-encoded POST, or GET with a query
 * string), signed with the stack's credentials (SigV4, service {@code sns}), answered in SNS's XML.
 */
final class SnsServer implements AutoCloseable {

  /** SNS's limit on a request, with room for the form encoding of a 256 KiB message. */
  private static final int MAX_REQUEST_BYTES = 2 * 1024 * 1024;

  private LoopbackHttp http;
  private final SigV4Check signatures;
  private final SnsActions actions;

  private SnsServer(SigV4Check signatures, SnsActions actions) {
    this.signatures = signatures;
    this.actions = actions;
  }

  static SnsServer start(int port, SigV4Check signatures, SnsActions actions) throws IOException {
    SnsServer server = new SnsServer(signatures, actions);
    server.http = LoopbackHttp.serve(port, server::serve);
    return server;
  }

  URI endpoint() {
    return http.endpoint();
  }

  private void serve(HttpExchange exchange) throws IOException {
    String requestId = UUID.randomUUID().toString();
    try (exchange) {
      int status;
      String xml;
      try {
        byte[] body = read(exchange.getRequestBody());
        URI uri = exchange.getRequestURI();
        Optional<SigV4Check.Refusal> refusal = signatures.check(exchange.getRequestMethod(), uri.getRawPath(),
            uri.getRawQuery(), name -> exchange.getRequestHeaders().get(name), body);
        if (refusal.isPresent()) {
          throw new SnsError(refusal.get().code(), 403, refusal.get().message());
        }
        String form = "POST".equals(exchange.getRequestMethod())
            ? new String(body, StandardCharsets.UTF_8) : uri.getRawQuery();
        xml = actions.handle(QueryRequest.parse(form), requestId);
        status = 200;
      } catch (SnsError e) {
        xml = SnsXml.error(e, requestId);
        status = e.status();
      } catch (RuntimeException e) {
        System.err.println("LabVault local stack: SNS request failed: " + e);
        xml = SnsXml.error(SnsError.internal(), requestId);
        status = 500;
      }
      byte[] out = xml.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/xml");
      exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
      exchange.sendResponseHeaders(status, out.length);
      try (OutputStream stream = exchange.getResponseBody()) {
        stream.write(out);
      }
    }
  }

  private static byte[] read(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_REQUEST_BYTES + 1);
    if (body.length > MAX_REQUEST_BYTES) {
      throw SnsError.invalidParameter("the request is too large");
    }
    return body;
  }

  @Override
  public void close() {
    http.close();
  }
}
