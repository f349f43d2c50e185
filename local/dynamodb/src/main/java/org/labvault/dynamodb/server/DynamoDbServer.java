package org.labvault.dynamodb.server;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.labvault.dynamodb.DynamoDb;

/**
 * The engine behind DynamoDB's HTTP endpoint, so any DynamoDB client can talk to it.
 *
 * <ul>
 *   <li>{@code POST} (any path) with an {@code X-Amz-Target} header is one DynamoDB or DynamoDB
 *       Streams call; the answer carries {@code Content-Type: application/x-amz-json-1.0},
 *       {@code x-amz-crc32} (CRC32 of the body, decimal) and {@code x-amzn-RequestId}. Without the
 *       header the answer is 400 {@code com.amazon.coral.service#UnknownOperationException}.
 *   <li>{@code GET} or {@code HEAD} (any path) is a health probe: 200, {@code text/plain},
 *       {@code healthy: labvault-dynamodb}. Other methods get 405.
 *   <li>With {@link ServerOptions#credentials()} set, every {@code POST} must carry a valid AWS
 *       Signature Version 4 for that access key; refusals are answered like DynamoDB's.
 * </ul>
 *
 * It listens on the configured address only, answers requests concurrently on virtual threads
 * and keeps connections alive. Closing the server does not close the engine.
 */
public final class DynamoDbServer implements AutoCloseable {

  /** Larger request bodies are refused (DynamoDB's own limit is 16 MB for a batch). */
  static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

  private final HttpServer http;
  private final ExecutorService executor;
  private final URI endpoint;
  private final AtomicInteger inFlight;
  private final AtomicBoolean closed = new AtomicBoolean();

  private DynamoDbServer(HttpServer http, ExecutorService executor, URI endpoint, AtomicInteger inFlight) {
    this.http = http;
    this.executor = executor;
    this.endpoint = endpoint;
    this.inFlight = inFlight;
  }

  /**
   * Starts listening. Fails with an {@link UncheckedIOException} naming {@code host:port} when the
   * address cannot be bound (a port in use, an unknown host), and with an
   * {@link IllegalArgumentException} for wildcard addresses.
   */
  public static DynamoDbServer start(DynamoDb engine, ServerOptions options) {
    Objects.requireNonNull(engine, "engine");
    return start(RequestHandler.of(engine), options);
  }

  static {
    // The JDK server writes headers and body separately; without TCP_NODELAY a response waits
    // for the client's delayed ACK (40 ms on Linux) whenever it does not fit one segment.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  static DynamoDbServer start(RequestHandler handler, ServerOptions options) {
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(options, "options");
    String hostPort = hostPort(options.host(), options.port());
    InetAddress address;
    try {
      address = InetAddress.getByName(options.host());
    } catch (UnknownHostException e) {
      throw new UncheckedIOException("Cannot listen on " + hostPort + ": unknown host", e);
    }
    if (address.isAnyLocalAddress()) {
      throw new IllegalArgumentException("Refusing to listen on every interface (" + hostPort
          + "); give one address, such as 127.0.0.1");
    }
    HttpServer http;
    try {
      http = HttpServer.create(new InetSocketAddress(address, options.port()), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot listen on " + hostPort + ": " + describe(e), e);
    }
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    SigV4Verifier verifier = new SigV4Verifier(options.credentials());
    http.setExecutor(executor);
    AtomicInteger inFlight = new AtomicInteger();
    http.createContext("/", exchange -> {
      inFlight.incrementAndGet();
      try {
        serve(exchange, handler, verifier);
      } finally {
        inFlight.decrementAndGet();
      }
    });
    http.start();
    int port = http.getAddress().getPort();
    URI endpoint = URI.create("http://" + hostLiteral(address) + ":" + port);
    return new DynamoDbServer(http, executor, endpoint, inFlight);
  }

  /** {@code http://host:port}, the value for a client's endpoint override. */
  public URI endpoint() {
    return endpoint;
  }

  /** The port listened on (the one picked when the options asked for 0). */
  public int port() {
    return endpoint.getPort();
  }

  /** Stops listening, lets requests under way finish (briefly), and releases the threads. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    // idle keep-alive connections would hold stop() for its whole delay: only wait for real work
    http.stop(inFlight.get() == 0 ? 0 : 1);
    executor.shutdown();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private static void serve(HttpExchange exchange, RequestHandler handler, SigV4Verifier verifier) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      switch (method) {
        case "POST" -> post(exchange, handler, verifier);
        case "GET", "HEAD" -> health(exchange, method.equals("HEAD"));
        default -> {
          drain(exchange.getRequestBody());
          exchange.getResponseHeaders().set("Allow", "POST, GET, HEAD");
          exchange.sendResponseHeaders(405, -1);
        }
      }
    } catch (IOException | RuntimeException e) {
      // the client went away or sent garbage mid-request; the exchange is already closed
    }
  }

  private static void post(HttpExchange exchange, RequestHandler handler, SigV4Verifier verifier) throws IOException {
    byte[] body;
    try {
      body = readBody(exchange.getRequestBody());
    } catch (BodyTooLargeException e) {
      respond(exchange, Wire.error(413, Wire.CORAL + "SerializationException",
          "Request body exceeds " + MAX_BODY_BYTES + " bytes"), true);
      return;
    }
    Headers headers = exchange.getRequestHeaders();
    URI uri = exchange.getRequestURI();
    SigV4Verifier.SignedRequest signed = new SigV4Verifier.SignedRequest(
        "POST", uri.getRawPath(), uri.getRawQuery(), headers::get, body);
    Optional<DynamoDb.Response> refusal = verifier.verify(signed);
    DynamoDb.Response response = refusal.orElseGet(
        () -> Wire.dispatch(handler, headers.getFirst(Wire.TARGET_HEADER), body));
    respond(exchange, response, false);
  }

  private static void respond(HttpExchange exchange, DynamoDb.Response response, boolean closeConnection)
      throws IOException {
    byte[] body = response.body();
    Headers out = exchange.getResponseHeaders();
    for (Map.Entry<String, String> h : Wire.jsonHeaders(body).entrySet()) {
      out.set(h.getKey(), h.getValue());
    }
    if (closeConnection) {
      out.set("Connection", "close");
    }
    exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
    try (OutputStream os = exchange.getResponseBody()) {
      os.write(body);
    }
  }

  private static void health(HttpExchange exchange, boolean head) throws IOException {
    drain(exchange.getRequestBody());
    byte[] body = Wire.HEALTH_TEXT.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.getResponseHeaders().set("x-amzn-RequestId", Wire.newRequestId());
    if (head) {
      exchange.sendResponseHeaders(200, -1);
      return;
    }
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream os = exchange.getResponseBody()) {
      os.write(body);
    }
  }

  /** The whole body, whether it came with a Content-Length or chunked. */
  private static byte[] readBody(InputStream in) throws IOException {
    try (in) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        throw new BodyTooLargeException();
      }
      return body;
    }
  }

  private static void drain(InputStream in) throws IOException {
    try (in) {
      in.transferTo(OutputStream.nullOutputStream());
    }
  }

  private static String hostPort(String host, int port) {
    return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
  }

  private static String hostLiteral(InetAddress address) {
    String literal = address.getHostAddress();
    int zone = literal.indexOf('%');
    if (address instanceof Inet6Address) {
      return "[" + (zone >= 0 ? literal.substring(0, zone) : literal) + "]";
    }
    return literal;
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e instanceof BindException ? "address already in use" : e.getClass().getSimpleName();
    }
    return message;
  }

  private static final class BodyTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    BodyTooLargeException() {
      super("request body too large", null);
    }
  }
}
