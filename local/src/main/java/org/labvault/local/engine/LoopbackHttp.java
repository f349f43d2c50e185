package org.labvault.local.engine;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;

/** The JDK's HTTP server for the stack's small AWS endpoints: on 127.0.0.1 only, started. */
public final class LoopbackHttp {

  private LoopbackHttp() {}

  /** Serves every path with {@code handler} on {@code threads}; port 0 takes a free one. */
  public static HttpServer serve(int port, Executor threads, HttpHandler handler) throws IOException {
    // the JDK server writes headers and body apart: without TCP_NODELAY each answer would wait for
    // the client's delayed ACK (40 ms on Linux); the setting is read once, by the first server
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    http.setExecutor(threads);
    http.createContext("/", handler);
    http.start();
    return http;
  }
}
