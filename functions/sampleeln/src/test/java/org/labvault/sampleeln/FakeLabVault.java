package org.labvault.sampleeln;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * LabVault's API and a Cognito-like token endpoint on a free loopback port: issues numbered
 * tokens, answers confirmations with the status a test chose per link (204 by default).
 */
final class FakeLabVault implements AutoCloseable {

  static final String CLIENT_ID = "sample-eln-client";
  static final String CLIENT_SECRET = "s3cr3t+with/odd=chars";

  /** One request as it arrived. */
  record Seen(String method, String path, String authorization, String contentType, String body) {}

  final List<Seen> tokenRequests = new CopyOnWriteArrayList<>();
  final List<Seen> confirmations = new CopyOnWriteArrayList<>();
  /** Status per link id; absent: 204. */
  final Map<String, Integer> answers = new ConcurrentHashMap<>();
  /** Tokens LabVault refuses with 401 (revoked). */
  final List<String> revoked = new CopyOnWriteArrayList<>();
  private final AtomicInteger issued = new AtomicInteger();
  private final HttpServer server;

  FakeLabVault() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/oauth2/token", this::token);
    server.createContext("/app-links/", this::confirm);
    server.start();
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void token(HttpExchange x) throws IOException {
    Seen seen = seen(x);
    tokenRequests.add(seen);
    String expected = "Basic " + java.util.Base64.getEncoder().encodeToString(
        (CLIENT_ID + ":" + java.net.URLEncoder.encode(CLIENT_SECRET, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
    if (!expected.equals(seen.authorization()) || !"grant_type=client_credentials".equals(seen.body())) {
      respond(x, 400, "{\"error\":\"invalid_client\"}");
      return;
    }
    respond(x, 200, "{\"access_token\":\"token-" + issued.incrementAndGet() + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}");
  }

  private void confirm(HttpExchange x) throws IOException {
    Seen seen = seen(x);
    confirmations.add(seen);
    String[] parts = seen.path().split("/");
    if (seen.authorization() != null && revoked.contains(seen.authorization().substring("Bearer ".length()))) {
      respond(x, 401, "");
      return;
    }
    respond(x, answers.getOrDefault(parts[2], 204), "");
  }

  private static Seen seen(HttpExchange x) throws IOException {
    String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    return new Seen(x.getRequestMethod(), x.getRequestURI().getPath(), x.getRequestHeaders().getFirst("Authorization"),
        x.getRequestHeaders().getFirst("Content-Type"), body);
  }

  private static void respond(HttpExchange x, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    if (status == 204 || bytes.length == 0) {
      x.sendResponseHeaders(status, -1);
    } else {
      x.getResponseHeaders().add("Content-Type", "application/json");
      x.sendResponseHeaders(status, bytes.length);
      x.getResponseBody().write(bytes);
    }
    x.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
