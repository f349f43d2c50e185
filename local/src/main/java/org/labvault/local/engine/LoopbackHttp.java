package org.labvault.local.engine;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The JDK's HTTP server for the stack's small AWS endpoints (SNS, the IoT API, KMS): on 127.0.0.1
 * only, a virtual thread per request.
 */
public final class LoopbackHttp implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService threads;

  private LoopbackHttp(HttpServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
  }

  /** Serves every path with {@code handler}; port 0 takes a free one. */
  public static LoopbackHttp serve(int port, HttpHandler handler) throws IOException {
    // the JDK server writes headers and body apart: without TCP_NODELAY each answer would wait for
    // the client's delayed ACK (40 ms on Linux); the setting is read once, by the first server
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    http.setExecutor(threads);
    http.createContext("/", handler);
    http.start();
    return new LoopbackHttp(http, threads);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port());
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
