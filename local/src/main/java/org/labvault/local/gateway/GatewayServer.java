package org.labvault.local.gateway;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.labvault.shared.error.ErrorCode;
import org.labvault.shared.http.Problems;
import org.labvault.shared.json.Json;

/**
 * The gateway's HTTP/1.1 server. The JDK's built-in server takes its timeouts and limits from
 * JVM-wide properties, read once by whichever server starts first (in the stack, the DynamoDB
 * engine's), and closes oversized requests without an answer; this one keeps every limit per
 * server and answers each refusal as a problem document:
 *
 * <ul>
 *   <li>a request (line, headers, body) must arrive in full within {@link Limits#readTimeout} of its
 *       first byte, else 408 and the connection is closed: a client that stops halfway is cut off;
 *   <li>a new connection must start its request within {@link Limits#readTimeout}, a kept-alive one
 *       within {@link Limits#idleTimeout} of the previous answer, else it is closed;
 *   <li>a request line plus headers over {@link Limits#maxHeaderBytes}: 431; a body over
 *       {@link Limits#maxBodyBytes}: 413; malformed framing (a bad chunk size, both Content-Length
 *       and Transfer-Encoding ...): 400; each closes the connection;
 *   <li>beyond {@link Limits#maxConnections} open connections a new one is answered 503 and closed;
 *   <li>an answer the client does not read within {@link Limits#writeTimeout} closes the connection.
 * </ul>
 */
final class GatewayServer implements AutoCloseable {

  /** Handles one request; the answer goes into the exchange. */
  interface Handler {
    void handle(Exchange exchange) throws IOException;
  }

  /** What one connection may cost the server. */
  record Limits(Duration readTimeout, Duration idleTimeout, Duration writeTimeout, int maxHeaderBytes,
      int maxBodyBytes, int maxConnections) {}

  /** A few seconds: a local client sends a whole request (at most 10 MB over loopback) well within it. */
  static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
  /** Keep-alive connections wait this long for their next request. */
  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);
  /** A client that reads no answer for this long is gone. */
  static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);
  /** API Gateway's limit for the request line plus headers. */
  static final int MAX_HEADER_BYTES = 10 * 1024;
  /** Far above what the local stack's clients open at once, far below the process's file limit. */
  static final int MAX_CONNECTIONS = 256;

  static final Limits DEFAULTS = new Limits(READ_TIMEOUT, IDLE_TIMEOUT, WRITE_TIMEOUT, MAX_HEADER_BYTES,
      Gateway.MAX_REQUEST_BYTES, MAX_CONNECTIONS);

  /** After a refusal, unread request bytes are drained this long so the client sees the answer, not a reset. */
  private static final Duration LINGER = Duration.ofSeconds(1);
  private static final int MAX_CHUNK_LINE = 1024;
  private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
  /** Headers the server computes itself; a handler's values for them are dropped. */
  private static final Set<String> FRAMING = Set.of("content-length", "transfer-encoding", "connection");

  private final ServerSocket listener;
  private final Limits limits;
  private final Semaphore slots;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().daemon().name("gateway-write-timeout").factory());
  private Handler handler;

  private GatewayServer(ServerSocket listener, Limits limits) {
    this.listener = listener;
    this.limits = limits;
    this.slots = new Semaphore(limits.maxConnections());
  }

  /** Binds 127.0.0.1:{@code port} now (0: any free port). */
  static GatewayServer bind(int port, Limits limits) throws IOException {
    return new GatewayServer(new ServerSocket(port, 128, InetAddress.getLoopbackAddress()), limits);
  }

  int port() {
    return listener.getLocalPort();
  }

  void start(Handler handler) {
    this.handler = handler;
    Thread.ofPlatform().daemon().name("gateway-accept").start(this::acceptLoop);
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      Socket socket;
      try {
        socket = listener.accept();
      } catch (IOException e) {
        pause(); // closed (the loop ends), or out of file descriptors: do not spin
        continue;
      }
      if (slots.tryAcquire()) {
        open.add(socket);
        // a platform thread per connection: a blocked read wakes straight from the kernel, with no
        // poller and carrier hand-off in between; the connection limit bounds the threads
        Thread.ofPlatform().daemon().name("gateway-connection").start(() -> {
          try {
            serve(socket);
          } finally {
            open.remove(socket);
            slots.release();
          }
        });
      } else {
        Thread.ofVirtual().start(() -> refuse(socket, new Refusal(503, ErrorCode.TOO_MANY_CONNECTIONS,
            "the local gateway holds " + limits.maxConnections() + " connections; try again")));
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A request the server answers itself, then closes the connection. */
  private static final class Refusal extends Exception {
    final int status;
    final ErrorCode code;

    Refusal(int status, ErrorCode code, String detail) {
      super(detail, null, false, false);
      this.status = status;
      this.code = code;
    }
  }

  // ---- one connection

  private void serve(Socket socket) {
    try (socket) {
      socket.setTcpNoDelay(true); // an answer is one flush; nothing is gained by holding it back
      var deadline = new DeadlineInput(socket);
      var in = new BufferedInputStream(deadline, 8192);
      var out = new BufferedOutputStream(socket.getOutputStream(), 8192);
      String sourceIp = socket.getInetAddress().getHostAddress();
      // a new connection is a request under way: it gets the read timeout, not the idle one
      for (boolean first = true; ; first = false) {
        deadline.expireIn(first ? limits.readTimeout() : limits.idleTimeout());
        in.mark(1);
        try {
          if (in.read() < 0) {
            return;
          }
        } catch (SocketTimeoutException idle) {
          return;
        }
        in.reset();
        deadline.expireIn(limits.readTimeout());
        Exchange exchange;
        boolean close;
        try {
          Head head = readHead(in);
          close = head.close();
          if (head.expectsContinue()) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
          }
          byte[] body = head.chunked() ? readChunked(in) : readFixed(in, head.contentLength());
          deadline.expireIn(null);
          exchange = new Exchange(head.method(), head.rawPath(), head.rawQuery(), head.protocol(),
              head.headers(), body, sourceIp);
        } catch (Refusal r) {
          writeRefusal(socket, out, r);
          return;
        } catch (SocketTimeoutException slow) {
          writeRefusal(socket, out, new Refusal(408, ErrorCode.REQUEST_TIMEOUT,
              "the request did not arrive within " + limits.readTimeout().toSeconds() + " s"));
          return;
        }
        boolean failed = false;
        try {
          handler.handle(exchange);
        } catch (IOException | RuntimeException e) {
          failed = true;
        }
        if (failed || !exchange.answered()) {
          exchange.clearHeaders();
          exchange.setHeader("Content-Type", Problems.CONTENT_TYPE);
          exchange.respond(500, Json.instance().mapper().writeValueAsBytes(Problems.internal()));
        }
        write(socket, out, exchange.method(), exchange.status(), exchange.responseHeaders(),
            exchange.responseBody(), close);
        if (close) {
          return;
        }
      }
    } catch (IOException e) {
      // the client went away, or a timeout closed the socket: nothing more to say on it
    }
  }

  /** The request line and headers, checked. */
  private record Head(String method, String rawPath, String rawQuery, String protocol,
      Map<String, List<String>> headers, long contentLength, boolean chunked, boolean close,
      boolean expectsContinue) {}

  private Head readHead(InputStream in) throws IOException, Refusal {
    int[] budget = {limits.maxHeaderBytes()};
    String requestLine = readLine(in, budget);
    while (requestLine.isEmpty()) { // RFC 9112 2.2: empty lines before a request are ignored
      requestLine = readLine(in, budget);
    }
    String[] parts = requestLine.split(" ", -1);
    if (parts.length != 3 || !HttpSyntax.isToken(parts[0])
        || !(parts[2].equals("HTTP/1.1") || parts[2].equals("HTTP/1.0"))) {
      throw malformed("a malformed request line");
    }
    String target = parts[1];
    if (target.startsWith("http://") || target.startsWith("https://")) { // absolute form
      int slash = target.indexOf('/', target.indexOf("//") + 2);
      target = slash < 0 ? "/" : target.substring(slash);
    }
    if (!HttpSyntax.isOriginForm(target)) {
      throw malformed("a malformed request target");
    }
    int q = target.indexOf('?');
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (String line = readLine(in, budget); !line.isEmpty(); line = readLine(in, budget)) {
      int colon = line.indexOf(':');
      String name = colon < 0 ? "" : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1).strip();
      if (!HttpSyntax.isToken(name) || !HttpSyntax.isFieldValue(value)) {
        throw malformed("a malformed header line");
      }
      headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    boolean http10 = parts[2].equals("HTTP/1.0");
    String connection = String.join(",", headers.getOrDefault("Connection", List.of())).toLowerCase(Locale.ROOT);
    boolean close = http10 || List.of(connection.split("\\s*,\\s*")).contains("close");
    boolean expectsContinue = !http10 && "100-continue".equalsIgnoreCase(first(headers, "Expect"));
    List<String> te = headers.get("Transfer-Encoding");
    List<String> cl = headers.get("Content-Length");
    if (te != null) {
      if (cl != null || http10 || te.size() != 1 || !te.getFirst().equalsIgnoreCase("chunked")) {
        throw malformed("only Transfer-Encoding: chunked, without Content-Length, is accepted");
      }
      return new Head(parts[0], target.substring(0, q < 0 ? target.length() : q), q < 0 ? null : target.substring(q + 1),
          parts[2], headers, -1, true, close, expectsContinue);
    }
    long length = 0;
    if (cl != null) {
      if (cl.stream().distinct().count() != 1 || !cl.getFirst().matches("[0-9]{1,18}")) {
        throw malformed("a malformed Content-Length");
      }
      length = Long.parseLong(cl.getFirst());
      if (length > limits.maxBodyBytes()) {
        throw tooLarge();
      }
    }
    return new Head(parts[0], target.substring(0, q < 0 ? target.length() : q), q < 0 ? null : target.substring(q + 1),
        parts[2], headers, length, false, close, expectsContinue && length > 0);
  }

  /** One line ending in CRLF (or a bare LF), charged to {@code budget}; a stray CR is refused. */
  private static String readLine(InputStream in, int[] budget) throws IOException, Refusal {
    StringBuilder line = new StringBuilder();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new java.io.EOFException("the client closed the connection mid-request");
      }
      if (--budget[0] < 0) {
        throw new Refusal(431, ErrorCode.HEADERS_TOO_LARGE,
            "the request line and headers are larger than the gateway accepts");
      }
      if (b == '\n') {
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
      }
      if (line.length() > 0 && line.charAt(line.length() - 1) == '\r') {
        throw malformed("a CR without LF in the request head");
      }
      line.append((char) b);
    }
  }

  private static byte[] readFixed(InputStream in, long length) throws IOException {
    byte[] body = in.readNBytes((int) length);
    if (body.length < length) {
      throw new java.io.EOFException("the client closed the connection mid-body");
    }
    return body;
  }

  /** RFC 9112 7.1: chunk sizes in hex, extensions ignored, trailers read and dropped. */
  private byte[] readChunked(InputStream in) throws IOException, Refusal {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      int[] lineBudget = {MAX_CHUNK_LINE};
      String sizeLine;
      try {
        sizeLine = readLine(in, lineBudget);
      } catch (Refusal tooLong) {
        throw malformed("a malformed chunk size");
      }
      String hex = sizeLine.split(";", 2)[0].strip();
      if (!hex.matches("[0-9A-Fa-f]{1,8}")) {
        throw malformed("a malformed chunk size");
      }
      long size = Long.parseLong(hex, 16);
      if (body.size() + size > limits.maxBodyBytes()) {
        throw tooLarge();
      }
      if (size == 0) {
        int[] trailerBudget = {limits.maxHeaderBytes()};
        while (!readLine(in, trailerBudget).isEmpty()) {
          // trailers are not passed on
        }
        return body.toByteArray();
      }
      body.write(readFixed(in, size));
      if (in.read() != '\r' || in.read() != '\n') {
        throw malformed("a chunk longer than its size");
      }
    }
  }

  private static Refusal malformed(String detail) {
    return new Refusal(400, ErrorCode.MALFORMED_REQUEST, detail);
  }

  private Refusal tooLarge() {
    return new Refusal(413, ErrorCode.PAYLOAD_TOO_LARGE, "the request is larger than API Gateway accepts");
  }

  // ---- answers

  private void refuse(Socket socket, Refusal refusal) {
    try (socket) {
      writeRefusal(socket, new BufferedOutputStream(socket.getOutputStream()), refusal);
    } catch (IOException e) {
      // gone already
    }
  }

  /** The refusal as a problem document, then a lingering close so the client reads it. */
  private void writeRefusal(Socket socket, OutputStream out, Refusal refusal) throws IOException {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    String requestId = Gateway.newRequestId();
    headers.put("Content-Type", List.of(Problems.CONTENT_TYPE));
    headers.put("X-Request-Id", List.of(requestId));
    headers.put("apigw-requestid", List.of(requestId));
    byte[] body = Json.instance().mapper().writeValueAsBytes(Problems.of(refusal.status, refusal.code, refusal.getMessage()));
    write(socket, out, "GET", refusal.status, headers, body, true);
    socket.shutdownOutput();
    socket.setSoTimeout((int) LINGER.toMillis());
    long until = System.nanoTime() + LINGER.toNanos();
    byte[] sink = new byte[8192];
    InputStream in = socket.getInputStream();
    try {
      while (System.nanoTime() < until && in.read(sink) >= 0) {
        // drain what the client still sends
      }
    } catch (IOException e) {
      // timed out or reset: closing now is all that is left
    }
  }

  private void write(Socket socket, OutputStream out, String method, int status, Map<String, List<String>> headers,
      byte[] body, boolean close) throws IOException {
    StringBuilder head = new StringBuilder(256)
        .append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n")
        .append("Date: ").append(DATE.format(ZonedDateTime.now(ZoneOffset.UTC))).append("\r\n");
    headers.forEach((name, values) -> {
      if (!FRAMING.contains(name.toLowerCase(Locale.ROOT))) {
        values.forEach(v -> head.append(name).append(": ").append(v).append("\r\n"));
      }
    });
    boolean noBody = status == 204 || status == 304;
    if (!noBody) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    if (close) {
      head.append("Connection: close\r\n");
    }
    head.append("\r\n");
    var alarm = watchdog.schedule(() -> closeQuietly(socket), limits.writeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    try {
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      if (!noBody && !method.equals("HEAD")) {
        out.write(body);
      }
      out.flush();
    } finally {
      alarm.cancel(false);
    }
  }

  /** The reason phrase of the status line; error statuses share the problem documents' titles. */
  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 201 -> "Created";
      case 202 -> "Accepted";
      case 204 -> "No Content";
      case 301 -> "Moved Permanently";
      case 302 -> "Found";
      case 304 -> "Not Modified";
      case 502 -> "Bad Gateway";
      default -> status >= 400 ? Problems.title(status) : "";
    };
  }

  private static String first(Map<String, List<String>> headers, String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.getFirst();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() {
    closeQuietly(listener);
    open.forEach(GatewayServer::closeQuietly);
    watchdog.shutdownNow();
  }

  private static void closeQuietly(ServerSocket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  /** Socket input whose reads fail with {@link SocketTimeoutException} once a deadline has passed. */
  private static final class DeadlineInput extends InputStream {
    private final Socket socket;
    private final InputStream in;
    private long deadline = Long.MAX_VALUE;

    DeadlineInput(Socket socket) throws IOException {
      this.socket = socket;
      this.in = socket.getInputStream();
    }

    /** From now, reads must finish within {@code timeout}; null: no deadline. */
    void expireIn(Duration timeout) {
      deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
    }

    private void arm() throws IOException {
      if (deadline == Long.MAX_VALUE) {
        socket.setSoTimeout(0);
        return;
      }
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        throw new SocketTimeoutException("the deadline has passed");
      }
      socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
    }

    @Override
    public int read() throws IOException {
      arm();
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      arm();
      return in.read(b, off, len);
    }
  }
}
