package org.labvault.shared.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Map;
import java.util.Optional;
import org.labvault.shared.auth.Caller;
import org.labvault.shared.auth.Principal;
import org.labvault.shared.error.ValidationException;
import org.labvault.shared.id.Ids;
import org.labvault.shared.json.Json;
import org.labvault.shared.paging.PageRequest;

/** One API Gateway v2 request, as a route sees it. */
public final class ApiRequest {

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
  /** The verified caller: who asks, under this request's id. */
  public Caller caller() {
    return new Caller(principal(), requestId());
  }

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
    if (value.length() > Ids.MAX_LENGTH) {
      throw ValidationException.field(name, "must be at most " + Ids.MAX_LENGTH + " characters");
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
