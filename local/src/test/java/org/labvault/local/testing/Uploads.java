package org.labvault.local.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Declaring assets and uploading them to their presigned URLs, as a client does. */
public final class Uploads {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final HttpApi api;

  public Uploads(HttpApi api) {
    this.api = api;
  }

  public static String sha256(byte[] bytes) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The body of {@code POST /groups/{groupId}/assets} for {@code bytes}. */
  public static String declaration(String name, byte[] bytes, String classification) {
    return "{\"name\":\"" + name + "\",\"contentType\":\"application/octet-stream\",\"sizeBytes\":" + bytes.length
        + ",\"sha256\":\"" + sha256(bytes) + "\"" + (classification == null ? "" : ",\"classification\":\"" + classification + "\"") + "}";
  }

  /** Declares {@code bytes} in the group and answers the 201 body. */
  public JsonNode declare(String token, String groupId, String name, byte[] bytes, String classification) {
    var res = api.postJson("/groups/" + groupId + "/assets", token, declaration(name, bytes, classification));
    if (res.status() != 201) {
      throw new AssertionError("not declared: " + res);
    }
    return res.json();
  }

  /** PUTs {@code body} to a presigned URL with the given headers (Content-Length comes from the body). */
  public static HttpResponse<String> put(String url, Map<String, String> headers, byte[] body) throws Exception {
    var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
        .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach((name, value) -> {
      if (!name.equalsIgnoreCase("content-length")) { // the client sets it from the body
        request.header(name, value);
      }
    });
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The headers an upload answer says to send. */
  public static Map<String, String> headersOf(JsonNode upload) {
    Map<String, String> headers = new LinkedHashMap<>();
    upload.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
    return headers;
  }

  /** Polls the asset (10 s at most) until it has {@code status}. */
  public JsonNode awaitStatus(String token, String assetId, String status) throws InterruptedException {
    JsonNode asset = null;
    for (int i = 0; i < 100; i++) {
      asset = api.get("/assets/" + assetId, token).json();
      if (status.equals(asset.path("status").asText())) {
        return asset;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("asset " + assetId + " never became " + status + ": " + asset);
  }
}
