package org.labvault.local.gateway;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds API Gateway HTTP API (payload format 2.0) events, field for field as AWS sends them. */
final class ApiEvents {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private ApiEvents() {}

  /** What arrived over HTTP. */
  record Request(
      String method,
      String rawPath,
      String rawQuery,
      Map<String, List<String>> headers,
      byte[] body,
      String sourceIp,
      String protocol) {}

  static ObjectNode build(
      Request in,
      RouteTable.Match match,
      Map<String, String> claims,
      List<String> scopes,
      String requestId,
      String apiId,
      String accountId,
      Instant now) {
    ObjectNode event = JSON.objectNode();
    event.put("version", "2.0");
    event.put("routeKey", match.route().path().equals("$default") ? "$default" : match.route().routeKey());
    event.put("rawPath", in.rawPath());
    event.put("rawQueryString", in.rawQuery() == null ? "" : in.rawQuery());

    Map<String, String> headers = new LinkedHashMap<>();
    List<String> cookies = new ArrayList<>();
    in.headers().forEach((name, values) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.equals("cookie")) {
        values.forEach(v -> cookies.addAll(List.of(v.split(";\\s*"))));
      } else {
        headers.merge(lower, String.join(",", values), (a, b) -> a + "," + b);
      }
    });
    if (!cookies.isEmpty()) {
      var array = event.putArray("cookies");
      cookies.forEach(array::add);
    }
    ObjectNode headerNode = event.putObject("headers");
    headers.forEach(headerNode::put);

    Map<String, String> query = query(in.rawQuery());
    if (!query.isEmpty()) {
      ObjectNode q = event.putObject("queryStringParameters");
      query.forEach(q::put);
    }
    if (!match.pathParameters().isEmpty()) {
      ObjectNode p = event.putObject("pathParameters");
      match.pathParameters().forEach(p::put);
    }

    ObjectNode context = event.putObject("requestContext");
    context.put("accountId", accountId);
    context.put("apiId", apiId);
    if (claims != null) {
      ObjectNode jwt = context.putObject("authorizer").putObject("jwt");
      ObjectNode c = jwt.putObject("claims");
      claims.forEach(c::put);
      if (scopes.isEmpty()) {
        jwt.putNull("scopes");
      } else {
        var s = jwt.putArray("scopes");
        scopes.forEach(s::add);
      }
    }
    String host = headers.getOrDefault("host", "127.0.0.1");
    context.put("domainName", host);
    context.put("domainPrefix", host.split("[.:]", 2)[0]);
    ObjectNode http = context.putObject("http");
    http.put("method", in.method());
    http.put("path", in.rawPath());
    http.put("protocol", in.protocol());
    http.put("sourceIp", in.sourceIp());
    http.put("userAgent", headers.getOrDefault("user-agent", ""));
    context.put("requestId", requestId);
    context.put("routeKey", event.get("routeKey").asText());
    context.put("stage", "$default");
    context.put("time", TIME.format(now));
    context.put("timeEpoch", now.toEpochMilli());

    if (in.body() != null && in.body().length > 0) {
      boolean text = isText(headers.get("content-type"));
      event.put("body", text ? new String(in.body(), StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(in.body()));
      event.put("isBase64Encoded", !text);
    } else {
      event.put("isBase64Encoded", false);
    }
    return event;
  }

  /** API Gateway joins repeated parameters with commas. */
  static Map<String, String> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      out.merge(name, value, (a, b) -> a + "," + b);
    }
    return out;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  /** Bodies of these types arrive as text; anything else base64-encoded. */
  private static boolean isText(String contentType) {
    if (contentType == null) {
      return true;
    }
    String type = contentType.toLowerCase(Locale.ROOT);
    return type.startsWith("text/") || type.contains("json") || type.contains("xml")
        || type.startsWith("application/x-www-form-urlencoded") || type.contains("javascript");
  }
}
