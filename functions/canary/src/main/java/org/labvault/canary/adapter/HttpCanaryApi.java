package org.labvault.canary.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.inject.Inject;
import org.labvault.canary.port.CanaryApi;
import org.labvault.shared.client.ApiUnavailableException;
import org.labvault.shared.client.ClientCredentials;
import org.labvault.shared.client.ClientCredentialsTokens;
import org.labvault.shared.json.Json;

/** The public API over HTTPS with a bearer token of the canary's own app client, and S3 by its presigned URLs. */
public final class HttpCanaryApi implements CanaryApi {

  static final Duration TIMEOUT = Duration.ofSeconds(10);
  /** Headers the HTTP client sets itself (from the body and the URL); the signature covers the same values. */
  private static final Set<String> SET_BY_THE_CLIENT = Set.of("content-length", "host", "connection", "expect", "upgrade");

  private final HttpClient http;
  private final ClientCredentialsTokens tokens;
  private final ClientCredentials client;
  private final Json json;

  @Inject
  public HttpCanaryApi(HttpClient http, ClientCredentialsTokens tokens, ClientCredentials client, Json json) {
    this.http = http;
    this.tokens = tokens;
    this.client = client;
    this.json = json;
  }

  @Override
  public void signIn() {
    tokens.discard(); // each run proves the token endpoint, not a token kept from an earlier run
    try {
      tokens.token();
    } catch (ApiUnavailableException e) {
      throw new CallFailed(e.getMessage(), e);
    }
  }

  @Override
  public String createGroup(String name) {
    JsonNode group = expect("POST /groups", call("POST", "/groups", json.write(Map.of("name", name))), 201);
    return text(group, "groupId", "POST /groups");
  }

  @Override
  public Declared declare(String groupId, String name, long sizeBytes, String sha256Base64) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("contentType", "application/octet-stream");
    body.put("sizeBytes", sizeBytes);
    body.put("sha256", sha256Base64);
    body.put("classification", "INTERNAL");
    String what = "POST /groups/{groupId}/assets";
    JsonNode answer = expect(what, call("POST", "/groups/" + groupId + "/assets", json.write(body)), 201);
    JsonNode upload = answer.path("upload");
    Map<String, String> headers = new LinkedHashMap<>();
    upload.path("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
    try {
      return new Declared(text(answer, "assetId", what), URI.create(text(upload, "url", what)), headers);
    } catch (IllegalArgumentException e) {
      throw new CallFailed(what + " answered an unusable upload URL");
    }
  }

  @Override
  public void upload(Declared declared, byte[] bytes) {
    var request = HttpRequest.newBuilder(declared.uploadUrl()).timeout(TIMEOUT)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
    declared.headers().forEach((name, value) -> {
      if (!SET_BY_THE_CLIENT.contains(name.toLowerCase(Locale.ROOT))) {
        request.header(name, value);
      }
    });
    int status = send(request.build(), "the upload").statusCode();
    if (status != 200) {
      throw new CallFailed("the upload answered " + status);
    }
  }

  @Override
  public String status(String assetId) {
    return text(expect("GET /assets/{assetId}", call("GET", "/assets/" + assetId, null), 200), "status",
        "GET /assets/{assetId}");
  }

  @Override
  public byte[] download(String assetId) {
    String what = "GET /assets/{assetId}/download";
    String url = text(expect(what, call("GET", "/assets/" + assetId + "/download", null), 200), "url", what);
    HttpRequest request;
    try {
      request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build();
    } catch (IllegalArgumentException e) {
      throw new CallFailed(what + " answered an unusable URL");
    }
    HttpResponse<byte[]> object = send(request, "the download");
    if (object.statusCode() != 200) {
      throw new CallFailed("the download answered " + object.statusCode());
    }
    return object.body();
  }

  @Override
  public void deleteAsset(String assetId) {
    expect("DELETE /assets/{assetId}", call("DELETE", "/assets/" + assetId, null), 202);
  }

  @Override
  public void deleteGroup(String groupId) {
    expect("DELETE /groups/{groupId}", call("DELETE", "/groups/" + groupId, null), 204, 404);
  }

  @Override
  public List<GroupRef> groups() {
    return pages("/groups", "GET /groups", g -> new GroupRef(text(g, "groupId", "GET /groups"),
        g.path("name").asText(""), instant(g.path("createdAt").asText(null))));
  }

  @Override
  public List<String> liveAssets(String groupId) {
    String what = "GET /groups/{groupId}/assets";
    return pages("/groups/" + groupId + "/assets", what, a -> text(a, "assetId", what));
  }

  private <T> List<T> pages(String path, String what, Function<JsonNode, T> item) {
    List<T> all = new ArrayList<>();
    String next = null;
    do {
      String query = "?limit=100" + (next == null ? "" : "&nextToken=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
      JsonNode page = expect(what, call("GET", path + query, null), 200);
      page.path("items").forEach(i -> all.add(item.apply(i)));
      next = page.path("nextToken").asText(null);
    } while (next != null && !next.isEmpty());
    return all;
  }

  /** One API call; a token refused before its time is renewed once, as any client would. */
  private HttpResponse<byte[]> call(String method, String path, String body) {
    HttpResponse<byte[]> response = send(apiRequest(method, path, body), method + " " + path);
    if (response.statusCode() == 401) {
      tokens.discard();
      response = send(apiRequest(method, path, body), method + " " + path);
    }
    return response;
  }

  private HttpRequest apiRequest(String method, String path, String body) {
    String token;
    try {
      token = tokens.token();
    } catch (ApiUnavailableException e) {
      throw new CallFailed(e.getMessage(), e);
    }
    var request = HttpRequest.newBuilder(URI.create(client.apiUrl() + path)).timeout(TIMEOUT)
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return request.build();
  }

  private HttpResponse<byte[]> send(HttpRequest request, String what) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new CallFailed(what + " did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CallFailed(what + " was interrupted", e);
    }
  }

  /** The answer's JSON when its status is one of {@code expected}; otherwise the call failed (status and code only). */
  private JsonNode expect(String what, HttpResponse<byte[]> response, int... expected) {
    for (int status : expected) {
      if (response.statusCode() == status) {
        return readOrEmpty(response.body());
      }
    }
    String code = readOrEmpty(response.body()).path("code").asText("");
    throw new CallFailed(what + " answered " + response.statusCode() + (code.isEmpty() ? "" : " " + code));
  }

  private JsonNode readOrEmpty(byte[] body) {
    if (body == null || body.length == 0) {
      return json.mapper().createObjectNode();
    }
    try {
      return json.mapper().readTree(body);
    } catch (IOException e) {
      return json.mapper().createObjectNode();
    }
  }

  private static String text(JsonNode node, String field, String what) {
    String value = node.path(field).asText(null);
    if (value == null || value.isEmpty()) {
      throw new CallFailed(what + " answered no " + field);
    }
    return value;
  }

  private static Instant instant(String value) {
    try {
      return value == null ? Instant.EPOCH : Instant.parse(value);
    } catch (java.time.format.DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }
}
