package org.labvault.canary.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labvault.canary.port.CanaryApi;
import org.labvault.canary.port.CanaryApi.CallFailed;
import org.labvault.shared.client.ClientCredentials;
import org.labvault.shared.client.ClientCredentialsTokens;
import org.labvault.shared.json.Json;

/** The adapter against a loopback server standing in for the API, the token endpoint and S3. */
class HttpCanaryApiTest {

  private HttpServer server;
  private HttpCanaryApi api;
  private final AtomicInteger tokensIssued = new AtomicInteger();
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private volatile int groupsStatus = 201;
  private volatile boolean refuseFirstToken;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/oauth2/token", ex -> answer(ex, 200,
        "{\"access_token\":\"t" + tokensIssued.incrementAndGet() + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}"));
    server.createContext("/groups", ex -> {
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      seen.add(ex.getRequestMethod() + " " + ex.getRequestURI() + " " + auth);
      if (refuseFirstToken && "Bearer t1".equals(auth)) {
        answer(ex, 401, "{\"status\":401,\"code\":\"UNAUTHORIZED\"}");
      } else if (groupsStatus != 201) {
        answer(ex, groupsStatus, "{\"status\":" + groupsStatus + ",\"code\":\"DEPENDENCY_UNAVAILABLE\",\"detail\":\"secret-ish internals\"}");
      } else {
        answer(ex, 201, "{\"groupId\":\"g-1\",\"name\":\"x\"}");
      }
    });
    server.createContext("/s3", ex -> {
      seen.add("PUT " + ex.getRequestHeaders().getFirst("x-amz-checksum-sha256") + " " + ex.getRequestBody().readAllBytes().length);
      answer(ex, 200, "");
    });
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    var client = new ClientCredentials(URI.create(base), URI.create(base + "/oauth2/token"), "canary", "s3cret");
    HttpClient http = HttpClient.newHttpClient();
    api = new HttpCanaryApi(http, new ClientCredentialsTokens(http, client, Json.instance(), Clock.systemUTC()), client,
        Json.instance());
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static void answer(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      ex.getResponseBody().write(bytes);
    }
    ex.close();
  }

  @Test
  void signIn_shouldFetchAFreshTokenEveryRun() {
    api.signIn();
    api.signIn();
    assertThat(tokensIssued).hasValue(2);
  }

  @Test
  void createGroup_shouldRenewARefusedTokenOnce() {
    // given
    refuseFirstToken = true;
    // when
    String groupId = api.createGroup("labvault-canary 01");
    // then
    assertThat(groupId).isEqualTo("g-1");
    assertThat(seen).containsExactly("POST /groups Bearer t1", "POST /groups Bearer t2");
  }

  @Test
  void aFailedCall_shouldNameTheCallStatusAndCode_butNeverTheAnswersText() {
    groupsStatus = 503;
    assertThatThrownBy(() -> api.createGroup("labvault-canary 01"))
        .isInstanceOf(CallFailed.class)
        .hasMessage("POST /groups answered 503 DEPENDENCY_UNAVAILABLE");
  }

  @Test
  void upload_shouldSendTheSignedHeaders_andLetTheClientSetContentLength() {
    var declared = new CanaryApi.Declared("a-1",
        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/s3/assets/a-1"),
        Map.of("x-amz-checksum-sha256", "abc=", "Content-Length", "3", "Host", "elsewhere"));
    api.upload(declared, new byte[] {1, 2, 3});
    assertThat(seen).containsExactly("PUT abc= 3");
  }

  @Test
  void aServerThatDoesNotAnswer_shouldFailTheCall() {
    server.stop(0);
    assertThatThrownBy(() -> api.createGroup("x")).isInstanceOf(CallFailed.class)
        .hasMessageContaining("did not answer");
  }
}
