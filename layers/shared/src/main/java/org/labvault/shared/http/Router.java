package org.labvault.shared.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.labvault.shared.auth.Authorizer;
import org.labvault.shared.error.AppException;
import org.labvault.shared.error.ErrorCode;
import org.labvault.shared.error.NotFoundException;
import org.labvault.shared.error.PayloadTooLargeException;
import org.labvault.shared.error.UnsupportedMediaTypeException;
import org.labvault.shared.error.ValidationException;
import org.labvault.shared.json.Json;
import org.labvault.shared.json.Unicode;
import org.labvault.shared.snapstart.PrimingScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The HTTP glue of every API function: picks the route by the event's {@code routeKey}, enforces the
 * rules every route shares (body size and type; operators-only paths, as the {@link Authorizer}
 * decides), maps failures to problem documents and writes one log line per request.
 */
public final class Router {

  /** A route: reads the request, calls one service, shapes the answer. */
  @FunctionalInterface
  public interface Route {
    ApiResponse handle(ApiRequest request);
  }

  public static final int MAX_BODY_BYTES = 64 * 1024;
  public static final String REQUEST_ID_HEADER = "X-Request-Id";
  private static final Logger LOG = LoggerFactory.getLogger(Router.class);

  private final Map<String, Route> routes;
  private final Authorizer authorizer;
  private final Function<RuntimeException, AppException> failures;

  private Router(Map<String, Route> routes, Authorizer authorizer, Function<RuntimeException, AppException> failures) {
    this.routes = Map.copyOf(routes);
    this.authorizer = authorizer;
    this.failures = failures;
  }

  public static Builder builder() {
    return new Builder();
  }

  public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context) {
    long started = System.nanoTime();
    String requestId = requestIdOf(event);
    String routeKey = event.getRouteKey();
    MDC.put("requestId", requestId);
    MDC.put("route", String.valueOf(routeKey));
    if (context != null && context.getFunctionName() != null) {
      MDC.put("function", context.getFunctionName());
    }
    APIGatewayV2HTTPResponse response;
    String code = null;
    try {
      Route route = routeKey == null ? null : routes.get(routeKey);
      if (route == null) {
        throw new NotFoundException("no such route: " + routeKey);
      }
      ApiRequest request = new ApiRequest(event, requestId, bodyOf(event));
      request.optionalPrincipal().ifPresent(p -> MDC.put("principal", p.userId()));
      if (Authorizer.operatorsOnly(routeKey)) {
        authorizer.requireOperator(request.caller(), routeKey);
      }
      ApiResponse answer = route.handle(request);
      response = json(answer.status(), answer.body(), "application/json", requestId);
    } catch (AppException e) {
      code = e.code();
      response = json(e.status(), Problems.of(e), Problems.CONTENT_TYPE, requestId);
    } catch (RuntimeException e) {
      AppException known = failures.apply(e);
      if (known != null) {
        code = known.code();
        LOG.warn("Dependency failure", e);
        response = json(known.status(), Problems.of(known), Problems.CONTENT_TYPE, requestId);
      } else {
        code = ErrorCode.INTERNAL.name();
        LOG.error("Unhandled failure", e);
        response = json(500, Problems.internal(), Problems.CONTENT_TYPE, requestId);
      }
    }
    try {
      if (PrimingScope.active()) {
        // no status: the security metric filters count statuses, and priming's refusals are no caller's
        LOG.atInfo().addKeyValue("primingStatus", response.getStatusCode()).log("Priming request handled");
      } else {
        var line = LOG.atInfo()
            .addKeyValue("status", response.getStatusCode())
            .addKeyValue("latencyMs", (System.nanoTime() - started) / 1_000_000);
        if (code != null) {
          line = line.addKeyValue("code", code);
        }
        line.log("Request handled");
      }
    } finally {
      MDC.clear(); // nothing of this request may leak into the next one
    }
    return response;
  }

  /** Who a priming request comes from: a caller of no tenant that no group, asset or record knows. */
  public static final String PRIMING_USER = "labvault-priming";

  /**
   * Serves a request before the SnapStart snapshot, through every step a real one takes (event,
   * principal, route, service, store, problem document, log line), as a caller nothing belongs to.
   * The route must be one that changes nothing for such a caller; an /ops route is refused (its every
   * use is an audited privileged access).
   *
   * @param pathParameters the route's path parameters, e.g. {@code groupId}
   * @param body a JSON body, or null
   * @return the status it answered (typically 404: nothing exists for the priming caller)
   * @throws IllegalStateException when it answered a 5xx: the request failed, so it primed little
   */
  public int prime(String routeKey, Map<String, String> pathParameters, String body) {
    String path = routeKey.substring(routeKey.indexOf(' ') + 1);
    if (routes.containsKey(routeKey) && Authorizer.operatorsOnly(routeKey)) {
      throw new IllegalArgumentException("an /ops route cannot prime: every use of it is audited");
    }
    var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
        .withMethod(routeKey.substring(0, routeKey.indexOf(' '))).withPath(path).build();
    var jwt = APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
        .withClaims(Map.of("sub", PRIMING_USER, "token_use", "access")).build();
    var context = APIGatewayV2HTTPEvent.RequestContext.builder()
        .withRequestId("priming").withRouteKey(routeKey).withHttp(http)
        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder().withJwt(jwt).build())
        .build();
    var event = APIGatewayV2HTTPEvent.builder()
        .withVersion("2.0").withRouteKey(routeKey).withRawPath(path)
        .withHeaders(body == null ? Map.of() : Map.of("content-type", "application/json"))
        .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
        .withBody(body).withIsBase64Encoded(false).withRequestContext(context)
        .build();
    int status = handle(event, null).getStatusCode();
    if (status >= 500) {
      throw new IllegalStateException("the priming request " + routeKey + " answered " + status);
    }
    return status;
  }

  /** The body as text, after the size and content-type rules every route shares. */
  private static String bodyOf(APIGatewayV2HTTPEvent event) {
    String raw = event.getBody();
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    byte[] bytes;
    try {
      bytes =
          event.getIsBase64Encoded()
              ? Base64.getDecoder().decode(raw)
              : raw.getBytes(StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ValidationException.malformedJson();
    }
    if (!event.getIsBase64Encoded() && !Unicode.isWellFormed(raw)) {
      throw notUtf8(); // getBytes would have turned the lone surrogate into "?"
    }
    if (bytes.length > MAX_BODY_BYTES) {
      throw new PayloadTooLargeException("the body is larger than " + MAX_BODY_BYTES + " bytes");
    }
    if (!isJson(header(event, "content-type"))) {
      throw new UnsupportedMediaTypeException("send the body as application/json");
    }
    try {
      // strict: a byte sequence that is not UTF-8 is refused, not replaced by U+FFFD
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw notUtf8();
    }
  }

  private static ValidationException notUtf8() {
    return ValidationException.field("body", "must be well-formed UTF-8");
  }

  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return mediaType.equals("application/json");
  }

  private static String header(APIGatewayV2HTTPEvent event, String name) {
    Map<String, String> headers = event.getHeaders();
    if (headers == null) {
      return null;
    }
    for (var e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  private static String requestIdOf(APIGatewayV2HTTPEvent event) {
    var context = event.getRequestContext();
    if (context != null && context.getRequestId() != null && !context.getRequestId().isBlank()) {
      return context.getRequestId();
    }
    return UUID.randomUUID().toString();
  }

  private static APIGatewayV2HTTPResponse json(
      int status, Object body, String contentType, String requestId) {
    Map<String, String> headers = new HashMap<>();
    headers.put(REQUEST_ID_HEADER, requestId);
    headers.put("Cache-Control", "no-store");
    headers.put("X-Content-Type-Options", "nosniff");
    String text = null;
    if (body != null) {
      headers.put("Content-Type", contentType);
      text = Json.instance().write(body);
    }
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(status)
        .withHeaders(headers)
        .withBody(text)
        .withIsBase64Encoded(false)
        .build();
  }

  /** Collects the routes of one function. */
  public static final class Builder {
    private final Map<String, Route> routes = new HashMap<>();
    private Authorizer authorizer;
    private Function<RuntimeException, AppException> failures = e -> null;

    /** Who admits callers to the operators-only routes (and audits each use): required when there are any. */
    public Builder authorizing(Authorizer operatorGate) {
      this.authorizer = operatorGate;
      return this;
    }

    /**
     * How failures that are not the service's own answers are told to the client: {@code
     * translate} returns the answer for a failure it recognises (a dependency that is down: 503),
     * else null, and the client gets a 500 with nothing internal in it.
     */
    public Builder translatingFailures(Function<RuntimeException, AppException> translate) {
      this.failures = translate;
      return this;
    }

    /** Adds a route by its API Gateway route key, e.g. {@code "GET /groups/{groupId}"}. */
    public Builder on(String routeKey, Route route) {
      if (routes.putIfAbsent(routeKey, route) != null) {
        throw new IllegalArgumentException("route declared twice: " + routeKey);
      }
      return this;
    }

    /** Adds a route that answers 204 No Content once {@code action} has done its work. */
    public Builder onNoContent(String routeKey, java.util.function.Consumer<ApiRequest> action) {
      return on(routeKey, r -> {
        action.accept(r);
        return ApiResponse.noContent();
      });
    }

    /** @throws IllegalStateException when there are operators-only routes but nobody to admit to them */
    public Router build() {
      if (authorizer == null && routes.keySet().stream().anyMatch(Authorizer::operatorsOnly)) {
        throw new IllegalStateException("operators-only routes need the authorizer that admits and audits their callers");
      }
      return new Router(routes, authorizer, failures);
    }
  }
}
