package org.labvault.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server's limits, with short timeouts; {@code GatewayLimitsE2ET} checks the stack's own. */
class GatewayServerTest {

  private static final GatewayServer.Limits SHORT = new GatewayServer.Limits(
      Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2), 1024, 64, 50);
  private static final int CAP = 3;

  private GatewayServer server;

  private void start(GatewayServer.Handler handler) throws IOException {
    start(handler, SHORT);
  }

  private void start(GatewayServer.Handler handler, GatewayServer.Limits limits) throws IOException {
    server = GatewayServer.bind(0, limits);
    server.start(handler);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
    socket.setSoTimeout(5_000);
    return socket;
  }

  private static String exchange(Socket socket, String request) throws IOException {
    socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
    return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
  }

  private static void ok(Exchange exchange) {
    exchange.setHeader("Content-Type", "text/plain");
    exchange.respond(200, ("got " + exchange.body().length).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void connectionsBeyondTheCapAre503_untilOneCloses() throws Exception {
    start(GatewayServerTest::ok, new GatewayServer.Limits(Duration.ofSeconds(5), Duration.ofSeconds(5),
        Duration.ofSeconds(5), 1024, 64, CAP));
    List<Socket> held = new ArrayList<>();
    try {
      for (int i = 0; i < CAP; i++) {
        held.add(connect());
        held.getLast().getOutputStream().write("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.ISO_8859_1));
      }
      Thread.sleep(200);
      try (Socket extra = connect()) {
        String answer = exchange(extra, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 503").contains("\"code\":\"TOO_MANY_CONNECTIONS\"")
            .contains("Connection: close");
      }
      held.removeFirst().close();
      Thread.sleep(200);
      try (Socket next = connect()) {
        assertThat(exchange(next, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 200");
      }
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }

  @Test
  void aSlowRequestIs408_andClosed() throws Exception {
    start(GatewayServerTest::ok);
    try (Socket socket = connect()) {
      long started = System.nanoTime();
      String answer = exchange(socket, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc");
      assertThat(answer).startsWith("HTTP/1.1 408").contains("\"code\":\"REQUEST_TIMEOUT\"");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }
  }

  @Test
  void aBodyOverTheLimitIs413_andNotRead() throws Exception {
    start(GatewayServerTest::ok);
    try (Socket socket = connect()) {
      assertThat(exchange(socket, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 65\r\n\r\n"))
          .startsWith("HTTP/1.1 413").contains("\"code\":\"PAYLOAD_TOO_LARGE\"");
    }
    try (Socket socket = connect()) {
      assertThat(exchange(socket, "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n41\r\n"))
          .startsWith("HTTP/1.1 413");
    }
  }

  @Test
  void ambiguousFramingIs400() throws Exception {
    start(GatewayServerTest::ok);
    for (String request : List.of(
        "POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
        "POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcdef\r\n0\r\n\r\n",
        "GET / HTTP/1.1\r\nBad Name: x\r\n\r\n",
        "GET / HTTP/1.1\r\nX: a\rb\r\n\r\n",
        "GET /a b HTTP/1.1\r\n\r\n",
        "GET / HTTP/2.0\r\n\r\n")) {
      try (Socket socket = connect()) {
        assertThat(exchange(socket, request)).as(request).startsWith("HTTP/1.1 400").contains("\"code\":\"MALFORMED_REQUEST\"");
      }
    }
  }

  @Test
  void aHeaderValueTheHandlerCannotSendIs500_notASplitResponse() throws Exception {
    start(exchange -> {
      exchange.setHeader("X-Echo", "a\r\nSet-Cookie: stolen=1");
      exchange.respond(200, new byte[0]);
    });
    try (Socket socket = connect()) {
      String answer = exchange(socket, "GET / HTTP/1.1\r\nConnection: close\r\n\r\n");
      assertThat(answer).startsWith("HTTP/1.1 500").doesNotContain("stolen");
    }
  }

  @Test
  void aStatusNoAnswerCanHaveIs500() throws Exception {
    start(exchange -> exchange.respond(99, new byte[0]));
    try (Socket socket = connect()) {
      assertThat(exchange(socket, "GET / HTTP/1.1\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 500");
    }
  }

  @Test
  void keepAlivePipeliningAndExpectContinueWork() throws Exception {
    start(GatewayServerTest::ok);
    try (Socket socket = connect()) {
      String answers = exchange(socket, "POST / HTTP/1.1\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\nab"
          + "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n0\r\nTrailer: t\r\n\r\n"
          + "HEAD / HTTP/1.1\r\nConnection: close\r\n\r\n");
      assertThat(answers).startsWith("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK").contains("got 2").contains("got 3")
          .endsWith("Content-Length: 5\r\nConnection: close\r\n\r\n");
    }
  }
}
