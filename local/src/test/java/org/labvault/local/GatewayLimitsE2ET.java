package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.labvault.local.testing.HttpApi;
import org.labvault.local.testing.StackExtension;

/**
 * Clients that never finish a request cannot hold the local gateway: each such connection is cut
 * off after the read timeout, oversized headers are answered 431, a broken chunked body 400, and
 * the gateway keeps serving everybody else.
 */
class GatewayLimitsE2ET {

  @RegisterExtension static final StackExtension STACK = new StackExtension();
  /** The gateway's read timeout (5 s) plus a margin for a busy machine. */
  private static final Duration CUT_OFF = Duration.ofSeconds(9);
  static URI api;
  static HttpApi http;

  @BeforeAll
  static void find() {
    api = STACK.stack().api();
    http = STACK.api();
  }

  private static Socket connect() throws IOException {
    Socket socket = new Socket(api.getHost(), api.getPort());
    socket.setSoTimeout((int) CUT_OFF.toMillis() + 5_000);
    return socket;
  }

  private static void write(Socket socket, String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
  }

  /** Everything the server sends until it closes the connection; fails if it is still open by then. */
  private static String untilClosed(Socket socket, long startedNanos) throws IOException {
    InputStream in = socket.getInputStream();
    byte[] all;
    try {
      all = in.readAllBytes();
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the connection is still open after " + CUT_OFF);
    } catch (IOException reset) {
      all = new byte[0];
    }
    assertThat(Duration.ofNanos(System.nanoTime() - startedNanos)).isLessThan(CUT_OFF);
    return new String(all, StandardCharsets.ISO_8859_1);
  }

  @Test
  void halfOpenRequestsAreClosed_whileTheGatewayKeepsServing() throws Exception {
    List<Socket> sockets = new ArrayList<>();
    long started = System.nanoTime();
    try {
      for (int i = 0; i < 200; i++) {
        Socket socket = connect();
        sockets.add(socket);
        write(socket, "POST /local/tokens HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Content-Length: 100\r\n\r\n{\"sub\":");
      }
      assertThat(http.get("/health", null).status()).isEqualTo(200);
      try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
        List<CompletableFuture<String>> closed = sockets.stream()
            .map(s -> CompletableFuture.supplyAsync(() -> {
              try {
                return untilClosed(s, started);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            }, pool))
            .toList();
        for (var answer : closed) {
          assertThat(answer.join()).doesNotContain("HTTP/1.1 200");
        }
      }
    } finally {
      for (Socket s : sockets) {
        s.close();
      }
    }
  }

  @Test
  void unfinishedHeadersAreClosed() throws Exception {
    try (Socket socket = connect()) {
      long started = System.nanoTime();
      write(socket, "GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: a");
      untilClosed(socket, started);
    }
  }

  @Test
  void aConnectionThatSendsNothingIsClosed() throws Exception {
    try (Socket socket = connect()) {
      untilClosed(socket, System.nanoTime());
    }
  }

  @Test
  void aBadChunkSizeIs400_andClosed() throws Exception {
    try (Socket socket = connect()) {
      long started = System.nanoTime();
      write(socket, "POST /local/tokens HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
      String answer = untilClosed(socket, started);
      assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json").contains("\"status\":400");
    }
  }

  @Test
  void oversizedHeadersAre431_asAProblem() throws Exception {
    try (Socket socket = connect()) {
      long started = System.nanoTime();
      write(socket, "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(12 * 1024) + "\r\n\r\n");
      String answer = untilClosed(socket, started);
      assertThat(answer).startsWith("HTTP/1.1 431").contains("application/problem+json")
          .contains("\"code\":\"HEADERS_TOO_LARGE\"");
    }
    var big = http.raw("GET", "/health", java.util.Map.of("X-Big", "a".repeat(12 * 1024)), null);
    assertThat(big.status()).isEqualTo(431);
    assertThat(big.problemCode()).isEqualTo("HEADERS_TOO_LARGE");
  }

  @Test
  void aChunkedBodyAndKeepAliveStillWork() throws Exception {
    try (Socket socket = connect()) {
      write(socket, "POST /local/tokens HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n7\r\n{\"sub\":\r\n5\r\n\"bob\"\r\n1\r\n}\r\n0\r\n\r\n"
          + "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      String answers = untilClosed(socket, System.nanoTime());
      assertThat(answers).startsWith("HTTP/1.1 200").contains("\"token\"");
      assertThat(answers.indexOf("HTTP/1.1 200", 1)).isPositive();
    }
  }
}
