package org.labvault.local.kms;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.labvault.dynamodb.server.SigV4Check;
import org.labvault.local.engine.LoopbackHttp;
import org.labvault.shared.json.Json;

/**
 * The KMS endpoint on 127.0.0.1: JSON 1.1 requests ({@code POST /}, {@code X-Amz-Target:
 * TrentService.<Operation>}), signed with the stack's credentials (SigV4, service {@code kms}),
 * answered in KMS's JSON, errors as {@code __type} and {@code message}.
 */
final class KmsServer implements AutoCloseable {

  static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  private static final String TARGET_PREFIX = "TrentService.";
  /** Ample for the largest request of these operations (a 4 KiB message and a signature, in base64). */
  private static final int MAX_REQUEST_BYTES = 64 * 1024;

  private LoopbackHttp http;
  private final SigV4Check signatures;
  private final KmsActions actions;

  private KmsServer(SigV4Check signatures, KmsActions actions) {
    this.signatures = signatures;
    this.actions = actions;
  }

  static KmsServer start(int port, SigV4Check signatures, KmsActions actions) throws IOException {
    KmsServer server = new KmsServer(signatures, actions);
    server.http = LoopbackHttp.serve(port, server::serve);
    return server;
  }

  URI endpoint() {
    return http.endpoint();
  }

  private void serve(HttpExchange exchange) throws IOException {
    String requestId = UUID.randomUUID().toString();
    try (exchange) {
      int status = 200;
      Object answer;
      try {
        answer = answer(exchange);
      } catch (KmsError e) {
        answer = error(e);
        status = e.status();
      } catch (RuntimeException e) {
        System.err.println("LabVault local stack: KMS request failed: " + e);
        answer = error(KmsError.internal());
        status = 500;
      }
      byte[] out = Json.instance().write(answer).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
      exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
      exchange.sendResponseHeaders(status, out.length);
      try (OutputStream stream = exchange.getResponseBody()) {
        stream.write(out);
      }
    }
  }

  private Map<String, Object> answer(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readNBytes(MAX_REQUEST_BYTES + 1);
    if (body.length > MAX_REQUEST_BYTES) {
      throw KmsError.validation("The request is too large");
    }
    URI uri = exchange.getRequestURI();
    Optional<SigV4Check.Refusal> refusal = signatures.check(exchange.getRequestMethod(), uri.getRawPath(),
        uri.getRawQuery(), name -> exchange.getRequestHeaders().get(name), body);
    if (refusal.isPresent()) {
      throw KmsError.signature(refusal.get().code(), refusal.get().message());
    }
    List<String> targets = exchange.getRequestHeaders().get("X-Amz-Target");
    String target = targets == null || targets.isEmpty() ? "" : targets.get(0);
    if (!"POST".equals(exchange.getRequestMethod()) || !target.startsWith(TARGET_PREFIX)) {
      throw KmsError.unknownOperation();
    }
    return actions.handle(target.substring(TARGET_PREFIX.length()), KmsRequest.parse(body));
  }

  private static Map<String, Object> error(KmsError e) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("__type", e.type());
    if (e.getMessage() != null) {
      error.put("message", e.getMessage());
    }
    return error;
  }

  @Override
  public void close() {
    http.close();
  }
}
