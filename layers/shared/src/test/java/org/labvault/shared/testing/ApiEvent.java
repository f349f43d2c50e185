package org.labvault.shared.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds API Gateway v2 events for unit tests, shaped like the ones API Gateway sends. */
public final class ApiEvent {

  private final String routeKey;
  private final Map<String, String> headers = new HashMap<>();
  private final Map<String, String> pathParameters = new HashMap<>();
  private final Map<String, String> query = new HashMap<>();
  private Map<String, String> claims;
  private String body;
  private boolean base64;
  private String requestId = "req-1";

  private ApiEvent(String routeKey) {
    this.routeKey = routeKey;
  }

  /** An event for the route, e.g. {@code ApiEvent.route("GET /groups/{groupId}")}. */
  public static ApiEvent route(String routeKey) {
    return new ApiEvent(routeKey);
  }

  /** The claims the JWT authorizer would pass for this user. */
  public ApiEvent as(String sub, String tenant, String... groups) {
    claims = new LinkedHashMap<>();
    claims.put("sub", sub);
    if (tenant != null) {
      claims.put("custom:tenant", tenant);
    }
    if (groups.length > 0) {
      claims.put("cognito:groups", "[" + String.join(" ", List.of(groups)) + "]");
    }
    return this;
  }

  public ApiEvent claims(Map<String, String> raw) {
    claims = raw;
    return this;
  }

  public ApiEvent path(String name, String value) {
    pathParameters.put(name, value);
    return this;
  }

  public ApiEvent query(String name, String value) {
    query.put(name, value);
    return this;
  }

  public ApiEvent header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public ApiEvent json(String json) {
    headers.put("content-type", "application/json");
    body = json;
    return this;
  }

  public ApiEvent body(String raw, boolean isBase64) {
    body = raw;
    base64 = isBase64;
    return this;
  }

  public ApiEvent requestId(String id) {
    requestId = id;
    return this;
  }

  public APIGatewayV2HTTPEvent build() {
    var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
        .withMethod(routeKey.split(" ", 2)[0])
        .withPath(routeKey.split(" ", 2)[1])
        .withSourceIp("127.0.0.1")
        .build();
    var context = APIGatewayV2HTTPEvent.RequestContext.builder()
        .withRequestId(requestId)
        .withRouteKey(routeKey)
        .withHttp(http);
    if (claims != null) {
      var jwt = APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(claims).build();
      context.withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder().withJwt(jwt).build());
    }
    return APIGatewayV2HTTPEvent.builder()
        .withVersion("2.0")
        .withRouteKey(routeKey)
        .withRawPath(routeKey.split(" ", 2)[1])
        .withHeaders(headers)
        .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
        .withQueryStringParameters(query.isEmpty() ? null : query)
        .withBody(body)
        .withIsBase64Encoded(base64)
        .withRequestContext(context.build())
        .build();
  }
}
