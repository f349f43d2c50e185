package org.labvault.dynamodb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labvault.dynamodb.DynamoDb;

class DynamoDbServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private DynamoDb engine;
  private DynamoDbServer server;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeEach
  void setUp() {
    engine = DynamoDb.inMemory();
  }

  @AfterEach
  void tearDown() {
    if (server != null) {
      server.close();
    }
    engine.close();
  }

  private HttpResponse<byte[]> post(String target, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.endpoint().resolve("/"))
        .header("Content-Type", "application/x-amz-json-1.0")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (target != null) {
      request.header("X-Amz-Target", target);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static long crc32(byte[] body) {
    CRC32 crc = new CRC32();
    crc.update(body);
    return crc.getValue();
  }

  @Test
  void engineAnswerGoesOutWithDynamoDbsHeaders() throws Exception {
    server = DynamoDbServer.start(engine, ServerOptions.defaults());

    HttpResponse<byte[]> response = post("DynamoDB_20120810.NoSuchOperation", "{}");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("__type").asText()).isEqualTo("com.amazon.coral.service#UnknownOperationException");
    assertThat(response.headers().firstValue("Content-Type")).contains("application/x-amz-json-1.0");
    assertThat(response.headers().firstValue("x-amz-crc32")).contains(Long.toString(crc32(response.body())));
    assertThat(response.headers().firstValue("Content-Length")).contains(Integer.toString(response.body().length));
    assertThat(response.headers().firstValue("x-amzn-RequestId")).hasValueSatisfying(
        id -> assertThat(id).matches("[A-Z0-9]{52}"));
  }

  @Test
  void missingTargetIsAnUnknownOperation() throws Exception {
    server = DynamoDbServer.start(engine, ServerOptions.defaults());

    HttpResponse<byte[]> response = post(null, "{}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).path("__type").asText())
        .isEqualTo("com.amazon.coral.service#UnknownOperationException");
    assertThat(response.headers().firstValue("x-amz-crc32")).contains(Long.toString(crc32(response.body())));
  }

  @Test
  void targetAndBodyReachTheEngineIntactAndItsStatusComesBack() throws Exception {
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    server = DynamoDbServer.start((target, body) -> {
      seen.add(target + " " + new String(body, StandardCharsets.UTF_8));
      return new DynamoDb.Response(200, "{\"TableNames\":[\"é\"]}".getBytes(StandardCharsets.UTF_8));
    }, ServerOptions.defaults());

    HttpResponse<byte[]> response = post("DynamoDB_20120810.ListTables", "{\"Limit\":3,\"x\":\"ü\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"TableNames\":[\"é\"]}");
    assertThat(response.headers().firstValue("x-amz-crc32")).contains(Long.toString(crc32(response.body())));
    assertThat(seen).containsExactly("DynamoDB_20120810.ListTables {\"Limit\":3,\"x\":\"ü\"}");
  }

  @Test
  void crc32IsTheUnsignedDecimalOfTheBody() {
    // CRC32("123456789") is the classic check value 0xCBF43926
    assertThat(Wire.crc32("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo("3421780262");
    assertThat(Wire.crc32(new byte[0])).isEqualTo("0");
  }

  @Test
  void requestIdsDiffer() throws Exception {
    server = DynamoDbServer.start(engine, ServerOptions.defaults());
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      ids.add(post("DynamoDB_20120810.X", "{}").headers().firstValue("x-amzn-RequestId").orElseThrow());
    }
    assertThat(ids).hasSize(5);
  }

  @Test
  void getIsAHealthProbe() throws Exception {
    server = DynamoDbServer.start(engine, ServerOptions.defaults());

    HttpResponse<String> get = http.send(HttpRequest.newBuilder(server.endpoint().resolve("/")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.body()).startsWith("healthy");
    assertThat(get.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));

    HttpResponse<String> head = http.send(
        HttpRequest.newBuilder(server.endpoint().resolve("/")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(head.statusCode()).isEqualTo(200);

    HttpResponse<String> put = http.send(
        HttpRequest.newBuilder(server.endpoint().resolve("/")).PUT(HttpRequest.BodyPublishers.ofString("x")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).isEqualTo(405);
  }

  @Test
  void healthNeedsNoSignatureEvenWhenSignaturesAreChecked() throws Exception {
    server = DynamoDbServer.start(engine, ServerOptions.defaults().withCredentials(new Credentials("AKID", "secret")));
    HttpResponse<String> get = http.send(HttpRequest.newBuilder(server.endpoint()).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(200);
  }

  @Test
  void keepsTheConnectionAliveAcrossRequests() throws Exception {
    server = DynamoDbServer.start(engine, ServerOptions.defaults());
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    try (RawHttp raw = new RawHttp("127.0.0.1", server.port())) {
      for (int i = 0; i < 3; i++) {
        raw.send("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: DynamoDB_20120810.Nope\r\n"
            + "Content-Type: application/x-amz-json-1.0\r\nContent-Length: " + body.length + "\r\n\r\n", body);
        RawHttp.Reply reply = raw.read(true);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.text()).contains("UnknownOperationException");
        assertThat(reply.header("x-amz-crc32")).isEqualTo(Long.toString(crc32(reply.body())));
      }
    }
  }

  @Test
  void readsAChunkedBody() throws Exception {
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    server = DynamoDbServer.start((target, body) -> {
      seen.add(new String(body, StandardCharsets.UTF_8));
      return new DynamoDb.Response(200, "{}".getBytes(StandardCharsets.UTF_8));
    }, ServerOptions.defaults());
    try (RawHttp raw = new RawHttp("127.0.0.1", server.port())) {
      String chunked = "5\r\n{\"Tab\r\n11\r\nleName\":\"chunks\"}\r\n0\r\n\r\n";
      raw.send("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: DynamoDB_20120810.DescribeTable\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n", chunked.getBytes(StandardCharsets.US_ASCII));
      RawHttp.Reply reply = raw.read(true);
      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.text()).isEqualTo("{}");
      // and the connection is still good for the next one
      raw.send("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: DynamoDB_20120810.DescribeTable\r\n"
          + "Content-Length: 2\r\n\r\n", "{}".getBytes(StandardCharsets.US_ASCII));
      assertThat(raw.read(true).status()).isEqualTo(200);
    }
    assertThat(seen).containsExactly("{\"TableName\":\"chunks\"}", "{}");
  }

  @Test
  void answersRequestsConcurrently() throws Exception {
    int n = 8;
    CountDownLatch allIn = new CountDownLatch(n);
    server = DynamoDbServer.start((target, body) -> {
      allIn.countDown();
      try {
        // every request waits until all of them are being handled at once
        if (!allIn.await(10, TimeUnit.SECONDS)) {
          return new DynamoDb.Response(500, "{}".getBytes(StandardCharsets.UTF_8));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new DynamoDb.Response(200, "{}".getBytes(StandardCharsets.UTF_8));
    }, ServerOptions.defaults());

    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Future<Integer>> statuses = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        statuses.add(pool.submit(() -> {
          try (RawHttp raw = new RawHttp("127.0.0.1", server.port())) {
            raw.send("POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: DynamoDB_20120810.ListTables\r\n"
                + "Content-Length: 2\r\n\r\n", "{}".getBytes(StandardCharsets.US_ASCII));
            return raw.read(true).status();
          }
        }));
      }
      for (Future<Integer> status : statuses) {
        assertThat(status.get(20, TimeUnit.SECONDS)).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFailingHandlerIsAnInternalServerError() throws Exception {
    server = DynamoDbServer.start((target, body) -> {
      throw new IllegalStateException("boom");
    }, ServerOptions.defaults());

    HttpResponse<byte[]> response = post("DynamoDB_20120810.ListTables", "{}");

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(JSON.readTree(response.body()).path("__type").asText()).endsWith("#InternalServerError");
    assertThat(response.headers().firstValue("x-amz-crc32")).contains(Long.toString(crc32(response.body())));
  }

  @Test
  void aPortInUseFailsNamingHostAndPort() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      int port = taken.getLocalPort();

      assertThatThrownBy(() -> DynamoDbServer.start(engine, ServerOptions.defaults().withPort(port)))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining("127.0.0.1:" + port);
    }
  }

  @Test
  void listensOnTheGivenPortAndReleasesItOnClose() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = probe.getLocalPort();
    }
    server = DynamoDbServer.start(engine, ServerOptions.defaults().withPort(port));
    assertThat(server.port()).isEqualTo(port);
    assertThat(server.endpoint()).isEqualTo(URI.create("http://127.0.0.1:" + port));

    server.close();
    server.close(); // twice is fine
    server = null;
    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    server = DynamoDbServer.start(engine, ServerOptions.defaults().withPort(port));
    assertThat(server.port()).isEqualTo(port);
  }

  @Test
  void bindsTheLoopbackAddressOnly() throws Exception {
    server = DynamoDbServer.start(engine, new ServerOptions(null, 0, null));
    assertThat(server.endpoint().getHost()).isEqualTo("127.0.0.1");
    int port = server.port();

    // Another address of this machine, if it has one, must not answer on the port.
    Optional<InetAddress> other = NetworkInterface.networkInterfaces()
        .filter(nic -> {
          try {
            return nic.isUp() && !nic.isLoopback();
          } catch (IOException e) {
            return false;
          }
        })
        .flatMap(NetworkInterface::inetAddresses)
        .filter(a -> a instanceof Inet4Address && !a.isLinkLocalAddress())
        .findFirst();
    if (other.isPresent()) {
      try (Socket socket = new Socket()) {
        assertThatThrownBy(() -> socket.connect(new InetSocketAddress(other.get(), port), 2000))
            .isInstanceOf(IOException.class);
      }
    }

    // On Linux the whole 127/8 is loopback: a wildcard listener would hold 127.0.0.2 too.
    assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"));
    try (ServerSocket neighbour = new ServerSocket()) {
      neighbour.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), port));
      assertThat(neighbour.isBound()).isTrue();
    }
  }

  @Test
  void refusesWildcardAddresses() {
    assertThatThrownBy(() -> DynamoDbServer.start(engine, ServerOptions.defaults().withHost("0.0.0.0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0.0.0.0");
    assertThatThrownBy(() -> DynamoDbServer.start(engine, ServerOptions.defaults().withHost("::")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anIpv6LoopbackEndpointIsBracketed() throws Exception {
    try {
      server = DynamoDbServer.start(engine, ServerOptions.defaults().withHost("::1"));
    } catch (UncheckedIOException e) {
      assumeTrue(false, "no IPv6 loopback here");
    }
    assertThat(server.endpoint().getHost()).startsWith("[").endsWith("]");
    assertThat(InetAddress.getByName(server.endpoint().getHost()).isLoopbackAddress()).isTrue();
    HttpResponse<String> get = http.send(HttpRequest.newBuilder(server.endpoint()).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(200);
  }

  @Test
  void optionsDefaultToLoopbackAndCheckThePort() {
    assertThat(new ServerOptions(null, 0, null).host()).isEqualTo("127.0.0.1");
    assertThat(new ServerOptions(" ", 0, null).host()).isEqualTo("127.0.0.1");
    assertThat(ServerOptions.defaults()).isEqualTo(new ServerOptions("127.0.0.1", 0, null));
    assertThatThrownBy(() -> new ServerOptions(null, 70000, null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ServerOptions(null, -1, null)).isInstanceOf(IllegalArgumentException.class);
    assertThat(new Credentials("AKID", "very-secret").toString()).doesNotContain("very-secret").contains("AKID");
  }
}
