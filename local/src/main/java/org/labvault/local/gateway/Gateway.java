package org.labvault.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.labvault.local.identity.JwtAuthorizer;
import org.labvault.local.identity.TokenIssuer;
import org.labvault.local.lambda.FunctionError;
import org.labvault.local.lambda.FunctionHost;
import org.labvault.local.template.EventSource;
import org.labvault.local.template.Model;
import org.labvault.local.template.StackModel;
import org.labvault.shared.error.AppException;
import org.labvault.shared.error.ErrorCode;
import org.labvault.shared.error.UnsupportedMediaTypeException;
import org.labvault.shared.error.ValidationException;
import org.labvault.shared.http.Problems;
import org.labvault.shared.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local HTTP API: serves the template's routes like API Gateway (JWT authorizer, payload 2.0
 * events, the function's response), plus the local-only routes under {@code /local}. Binds
 * 127.0.0.1 only. Its own refusals (401, unknown route, 429 from the template's throttles: see
 * {@link Throttles}, and the server's limits: see {@link GatewayServer}) are problem documents,
 * like the functions'.
 */
public final class Gateway implements AutoCloseable {

  /** API Gateway's largest request payload. */
  static final int MAX_REQUEST_BYTES = 10 * 1024 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final GatewayServer server;
  private final ObjectMapper json = Json.instance().mapper();
  private RouteTable routes;
  private Throttles throttles;
  private StackModel model;
  private Map<String, FunctionHost> functions;
  private TokenIssuer issuer;
  private org.labvault.local.identity.ClientCredentialsGrant clientCredentials;
  private Clock clock;
  private final Map<String, JwtAuthorizer> authorizers = new HashMap<>();
  private String accountId;
  private ApiDocument document;

  private Gateway(GatewayServer server) {
    this.server = server;
  }

  /** Binds the port now (0: any free one), so the issuer URL is known before serving. */
  public static Gateway bind(int port) throws IOException {
    return new Gateway(GatewayServer.bind(port, GatewayServer.DEFAULTS));
  }

  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /** Serves {@code document} at {@code GET /local/openapi.json}; without one, that route is a 404. */
  public void describedBy(ApiDocument document) {
    this.document = document;
  }

  public void start(StackModel model, Map<String, FunctionHost> functions, TokenIssuer issuer, String accountId, Clock clock) {
    this.model = model;
    this.functions = Map.copyOf(functions);
    this.issuer = issuer;
    this.accountId = accountId;
    this.clock = clock;
    this.routes = new RouteTable(model.routes());
    this.throttles = new Throttles(model, System::nanoTime);
    this.clientCredentials = new org.labvault.local.identity.ClientCredentialsGrant(
        model.appClients(), model::secretOf, issuer, TokenIssuer.DEFAULT_TTL_SECONDS);
    server.start(this::serve);
  }

  private void serve(Exchange exchange) throws IOException {
    String requestId = newRequestId();
    try {
      String path = exchange.rawPath();
      if (path.equals("/local") || path.startsWith("/local/")) {
        local(exchange, path, requestId);
      } else {
        api(exchange, requestId);
      }
    } catch (AppException e) {
      problem(exchange, requestId, e.status(), e.errorCode(), e.detail(), Map.of());
    } catch (RuntimeException e) {
      LOG.error("Gateway failure", e);
      problem(exchange, requestId, 500, ErrorCode.INTERNAL, "the local gateway failed", Map.of());
    }
  }

  // ---- the template's API

  private void api(Exchange exchange, String requestId) throws IOException {
    String method = exchange.method();
    String rawPath = exchange.rawPath();
    var match = routes.match(method, rawPath);
    if (match.isEmpty()) {
      problem(exchange, requestId, 404, ErrorCode.NOT_FOUND, "no route for " + method + " " + rawPath, Map.of());
      return;
    }
    EventSource.HttpRoute route = match.get().route();
    // before the authorizer: a throttled request costs neither it nor the function
    long wait = throttles.take(route);
    if (wait != TokenBucket.ADMITTED) {
      problem(exchange, requestId, 429, ErrorCode.TOO_MANY_REQUESTS, route.routeKey() + " is over its throttle; retry later",
          wait == TokenBucket.NEVER ? Map.of() : Map.of("Retry-After", Long.toString(wait)));
      return;
    }
    Map<String, String> claims = null;
    Model.JwtAuthorizer authorizer = model.authorizerOf(route);
    if (authorizer != null) {
      List<String> scopes = route.scopes().isEmpty() ? authorizer.scopes() : route.scopes();
      try {
        claims = authorizerFor(authorizer).authorize(exchange.header("Authorization"), scopes);
      } catch (JwtAuthorizer.Rejected e) {
        problem(exchange, requestId, 401, ErrorCode.UNAUTHORIZED, e.getMessage(),
            Map.of("WWW-Authenticate", bearerChallenge(e.getMessage())));
        return;
      }
    }
    var request = new ApiEvents.Request(
        method,
        rawPath,
        exchange.rawQuery(),
        exchange.requestHeaders(),
        exchange.body(),
        exchange.sourceIp(),
        exchange.protocol());
    var event = ApiEvents.build(request, match.get(), claims, route.scopes(), requestId,
        model.apiId(route.apiLogicalId()),
        accountId, clock.instant());
    byte[] result;
    try {
      result = functions.get(route.functionLogicalId()).invoke(json.writeValueAsBytes(event), requestId);
    } catch (FunctionError e) {
      LOG.atError().addKeyValue("function", route.functionLogicalId()).addKeyValue("errorType", e.errorType())
          .addKeyValue("errorMessage", e.getMessage()).addKeyValue("requestId", requestId)
          .setCause(e.getCause()).log("Function failed");
      problem(exchange, requestId, 500, ErrorCode.INTERNAL, "the function failed; see the stack's log", Map.of());
      return;
    }
    respond(exchange, requestId, result);
  }

  /** RFC 6750: error_description holds printable ASCII except {@code "} and {@code \\}; anything else is dropped. */
  static String bearerChallenge(String reason) {
    String description = reason.replaceAll("[^\\x20\\x21\\x23-\\x5b\\x5d-\\x7e]", "");
    return "Bearer error=\"invalid_token\", error_description=\"" + description + "\"";
  }

  private JwtAuthorizer authorizerFor(Model.JwtAuthorizer def) {
    synchronized (authorizers) {
      return authorizers.computeIfAbsent(def.apiLogicalId() + "/" + def.name(),
          k -> new JwtAuthorizer(issuer.issuer(), def.audiences(), issuer.publicKeys(), clock));
    }
  }

  /** Payload 2.0 responses: a statusCode object, or any JSON value as a 200 JSON body. */
  private void respond(Exchange exchange, String requestId, byte[] result) throws IOException {
    JsonNode out = json.readTree(result);
    exchange.setHeader("apigw-requestid", requestId);
    if (out != null && out.isObject() && out.has("statusCode")) {
      int status = out.get("statusCode").asInt();
      out.path("headers").properties().forEach(h -> exchange.setHeader(h.getKey(), h.getValue().asText()));
      out.path("multiValueHeaders").properties().forEach(h -> h.getValue().forEach(v -> exchange.addHeader(h.getKey(), v.asText())));
      out.path("cookies").forEach(c -> exchange.addHeader("Set-Cookie", c.asText()));
      JsonNode body = out.get("body");
      byte[] bytes = body == null || body.isNull() ? new byte[0]
          : out.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(body.asText())
          : body.asText().getBytes(StandardCharsets.UTF_8);
      send(exchange, status, bytes);
    } else {
      exchange.setHeader("Content-Type", "application/json");
      send(exchange, 200, result);
    }
  }

  // ---- local-only routes

  private void local(Exchange exchange, String path, String requestId) throws IOException {
    String method = exchange.method();
    if (method.equals("POST") && path.equals("/local/tokens")) {
      TokenRequest req = readJson(exchange, TokenRequest.class);
      var token = issuer.issue(req.checkedSub(), req.checkedEmail(), req.checkedTenant(), req.checkedGroups(), req.checkedTtl());
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("token", token.token());
      answer.put("expiresAt", token.expiresAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
      sendJson(exchange, requestId, 200, answer);
    } else if (method.equals("POST") && path.equals("/local/oauth2/token")) {
      // a user pool domain's token endpoint, for the template's application clients
      var answer = clientCredentials.token(exchange.header("Authorization"),
          new String(exchange.body(), StandardCharsets.UTF_8));
      sendJson(exchange, requestId, answer.status(), answer.body());
    } else if (method.equals("GET") && path.equals("/local/jwks.json")) {
      sendJson(exchange, requestId, 200, issuer.publicKeys().toJSONObject(true));
    } else if (method.equals("GET") && path.equals("/local/openapi.json") && document != null) {
      exchange.setHeader("Content-Type", "application/json");
      exchange.setHeader("X-Request-Id", requestId);
      send(exchange, 200, document.json());
    } else if (method.equals("GET") && path.equals("/local/.well-known/openid-configuration")) {
      sendJson(exchange, requestId, 200, Map.of(
          "issuer", issuer.issuer(),
          "jwks_uri", issuer.issuer() + "/jwks.json",
          "id_token_signing_alg_values_supported", List.of("RS256")));
    } else if (method.equals("POST") && path.startsWith("/local/invoke/")) {
      invoke(exchange, path.substring("/local/invoke/".length()), requestId);
    } else {
      problem(exchange, requestId, 404, ErrorCode.NOT_FOUND, "no local route " + method + " " + path, Map.of());
    }
  }

  /** Like Lambda's Invoke API: the function's result, or its error with X-Amz-Function-Error. */
  private void invoke(Exchange exchange, String logicalId, String requestId) throws IOException {
    // the function's logical id, or its alias's (invoking the alias invokes the function)
    Model.Function target = model.functionFor(logicalId);
    FunctionHost host = target == null ? null : functions.get(target.logicalId());
    if (host == null) {
      problem(exchange, requestId, 404, ErrorCode.NOT_FOUND, "no function " + logicalId + " in the template", Map.of());
      return;
    }
    byte[] event = exchange.body();
    try {
      json.readTree(event.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : event);
    } catch (IOException e) {
      throw ValidationException.malformedJson();
    }
    exchange.setHeader("Content-Type", "application/json");
    exchange.setHeader("X-Request-Id", requestId);
    try {
      send(exchange, 200, host.invoke(event.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : event, requestId));
    } catch (FunctionError e) {
      exchange.setHeader("X-Amz-Function-Error", "Unhandled");
      send(exchange, 200, e.payload().getBytes(StandardCharsets.UTF_8));
    }
  }

  // ---- plumbing

  private <T> T readJson(Exchange exchange, Class<T> type) {
    String contentType = exchange.header("Content-Type");
    if (contentType == null || !contentType.split(";", 2)[0].trim().equalsIgnoreCase("application/json")) {
      throw new UnsupportedMediaTypeException("send the body as application/json");
    }
    byte[] body = exchange.body();
    if (body.length == 0) {
      throw ValidationException.of("a JSON body is required");
    }
    T value = Json.instance().read(new String(body, StandardCharsets.UTF_8), type);
    if (value == null) {
      throw ValidationException.of("the body must be a JSON object");
    }
    return value;
  }

  /** A problem replaces whatever answer was being built, headers included. */
  private void problem(Exchange exchange, String requestId, int status, ErrorCode code, String detail,
      Map<String, String> extraHeaders) throws IOException {
    exchange.clearHeaders();
    extraHeaders.forEach(exchange::setHeader);
    exchange.setHeader("Content-Type", Problems.CONTENT_TYPE);
    exchange.setHeader("X-Request-Id", requestId);
    exchange.setHeader("apigw-requestid", requestId);
    send(exchange, status, json.writeValueAsBytes(Problems.of(status, code, detail)));
  }

  private void sendJson(Exchange exchange, String requestId, int status, Object body) throws IOException {
    exchange.setHeader("Content-Type", "application/json");
    exchange.setHeader("X-Request-Id", requestId);
    exchange.setHeader("Cache-Control", "no-store");
    send(exchange, status, json.writeValueAsBytes(body));
  }

  private static void send(Exchange exchange, int status, byte[] body) {
    exchange.respond(status, status == 204 ? new byte[0] : body);
  }

  /** API Gateway's request ids are short base64 strings. */
  static String newRequestId() {
    byte[] bytes = new byte[10];
    RANDOM.nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  @Override
  public void close() {
    server.close();
  }
}
