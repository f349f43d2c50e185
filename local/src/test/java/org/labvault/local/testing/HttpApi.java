package org.labvault.local.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.labvault.shared.json.Json;

/**
 * A plain HTTP client speaking to the local stack like any client would. Every answer of a route
 * that openapi.yaml documents is checked against it (status and body) before the test sees it.
 */
public final class HttpApi {

  private final URI base;
  private final Duration timeout;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public HttpApi(URI base) {
    this(base, Duration.ofSeconds(30));
  }

  private HttpApi(URI base, Duration timeout) {
    this.base = base;
    this.timeout = timeout;
  }

  /** The same API, waiting up to {@code timeout} for an answer (long jobs in benchmarks). */
  public HttpApi waitingUpTo(Duration timeout) {
    return new HttpApi(base, timeout);
  }

  /** One answer: status, headers, body. */
  public record Answer(int status, HttpResponseHeaders headers, String body) {
    public JsonNode json() {
      try {
        return Json.instance().mapper().readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }

    public String header(String name) {
      return headers.first(name);
    }

    /** The problem's code, after checking the answer is a well-formed problem document. */
    public String problemCode() {
      JsonNode p = json();
      if (!String.valueOf(header("Content-Type")).startsWith("application/problem+json")
          || p.path("status").asInt() != status || !p.hasNonNull("type") || !p.hasNonNull("title")
          || !p.hasNonNull("detail") || !p.hasNonNull("code")) {
        throw new AssertionError("not a problem document: " + status + " " + body);
      }
      return p.path("code").asText();
    }
  }

  /** Case-insensitive response headers. */
  public record HttpResponseHeaders(java.net.http.HttpHeaders raw) {
    public String first(String name) {
      return raw.firstValue(name).orElse(null);
    }
  }

  public Answer get(String path, String token) {
    return send("GET", path, token, null, null);
  }

  /** A POST without a body. */
  public Answer post(String path, String token) {
    return send("POST", path, token, null, null);
  }

  public Answer postJson(String path, String token, String json) {
    return send("POST", path, token, json, "application/json");
  }

  public Answer send(String method, String path, String token, String body, String contentType) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (token != null) {
      headers.put("Authorization", "Bearer " + token);
    }
    if (contentType != null) {
      headers.put("Content-Type", contentType);
    }
    return raw(method, path, headers, body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  public Answer raw(String method, String path, Map<String, String> headers, byte[] body) {
    var builder = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(builder::header);
    try {
      HttpResponse<String> res = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      ApiContract.instance().check(method, res.request().uri().getRawPath(), res.statusCode(),
          res.headers().firstValue("Content-Type").orElse(null), res.body());
      return new Answer(res.statusCode(), new HttpResponseHeaders(res.headers()), res.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Creates a group as the caller of {@code token} (its ADMIN); answers its id. */
  public String createGroup(String token, String name) {
    Answer answer = postJson("/groups", token, "{\"name\":\"" + name + "\"}");
    if (answer.status() != 201) {
      throw new AssertionError("group not created: " + answer);
    }
    return answer.json().path("groupId").asText();
  }

  /** Makes {@code userId} a member of {@code role}: the ADMIN invites, the user accepts. */
  public void addMember(String adminToken, String groupId, String userId, String userToken, String role) {
    Answer invited = postJson("/groups/" + groupId + "/invitations", adminToken,
        "{\"userId\":\"" + userId + "\",\"role\":\"" + role + "\"}");
    if (invited.status() != 201) {
      throw new AssertionError("not invited: " + invited);
    }
    Answer accepted = post("/invitations/" + invited.json().path("invitationId").asText() + "/accept", userToken);
    if (accepted.status() != 200) {
      throw new AssertionError("not accepted: " + accepted);
    }
  }

  /** A token from the local issuer: {@code POST /local/tokens}. */
  public String token(String sub, String tenant, String... groups) {
    StringBuilder body = new StringBuilder("{\"sub\":\"" + sub + "\"");
    if (tenant != null) {
      body.append(",\"tenant\":\"").append(tenant).append('"');
    }
    if (groups.length > 0) {
      body.append(",\"groups\":[\"").append(String.join("\",\"", List.of(groups))).append("\"]");
    }
    Answer answer = postJson("/local/tokens", null, body.append('}').toString());
    if (answer.status() != 200) {
      throw new AssertionError("token not issued: " + answer);
    }
    return answer.json().path("token").asText();
  }
}
