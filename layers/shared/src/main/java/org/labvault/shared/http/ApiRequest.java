package org.labvault.shared.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Map;
import java.util.Optional;
import org.labvault.shared.error.ValidationException;
import org.labvault.shared.json.Json;

/** One API Gateway v2 request, as a route sees it. */
public final class ApiRequest {

  /**
   * The longest id a path or a token may carry (user ids, group ids ...). Keys built from it stay far
   * below DynamoDB's key limits (1,024 bytes for a sort key), so an overlong id is refused here, as
   * a 400, before any read.
   */
  public static final int MAX_ID_LENGTH = 256;

  private final APIGatewayV2HTTPEvent event;
  private final String requestId;
  private final String body;
  private Principal principal;

  ApiRequest(APIGatewayV2HTTPEvent event, String requestId, String body) {
    this.event = event;
    this.requestId = requestId;
    this.body = body;
  }

  public String requestId() {
    return requestId;
  }

  public String routeKey() {
    return event.getRouteKey();
  }

  /**
   * The verified caller.
   *
   * @throws org.labvault.shared.error.UnauthorizedException when the route was reached without a
   *     verified token
   */
  public Principal principal() {
    if (principal == null) {
      principal = Principal.fromClaims(claims());
    }
    return principal;
  }

  /** The caller, when the request carried a verified token (public routes may have none). */
  public Optional<Principal> optionalPrincipal() {
    return claims() == null ? Optional.empty() : Optional.of(principal());
  }

  /** A path parameter of the route, e.g. {@code groupId} of {@code /groups/{groupId}}. */
  public String path(String name) {
    Map<String, String> params = event.getPathParameters();
    String value = params == null ? null : params.get(name);
    if (value == null || value.isBlank()) {
      throw ValidationException.field(name, "is required in the path");
    }
    if (value.length() > MAX_ID_LENGTH) {
      throw ValidationException.field(name, "must be at most " + MAX_ID_LENGTH + " characters");
    }
    return value;
  }

  public Optional<String> query(String name) {
    Map<String, String> params = event.getQueryStringParameters();
    return Optional.ofNullable(params == null ? null : params.get(name));
  }

  public PageRequest page() {
    return PageRequest.of(query("limit").orElse(null), query("nextToken").orElse(null));
  }

  /**
   * The JSON body read into {@code type}; the router already refused oversized bodies and other
   * content types. Every body of the API is a JSON object: anything else is a 400 VALIDATION here,
   * for every route at once.
   */
  public <T> T body(Class<T> type) {
    if (body == null || body.isBlank()) {
      throw ValidationException.of("a JSON body is required");
    }
    return Json.instance().readObject(body, type);
  }

  private Map<String, String> claims() {
    var context = event.getRequestContext();
    if (context == null || context.getAuthorizer() == null || context.getAuthorizer().getJwt() == null) {
      return null;
    }
    return context.getAuthorizer().getJwt().getClaims();
  }
}
