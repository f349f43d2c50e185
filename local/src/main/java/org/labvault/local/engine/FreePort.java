package org.labvault.local.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.function.IntSupplier;

/** A free TCP port on 127.0.0.1, for engines that cannot bind port 0 themselves. */
final class FreePort {
  private FreePort() {}

  /** How many picked ports an engine tries before it gives up. */
  static final int ATTEMPTS = 3;

  /** Starts an engine on one given port; fails if it cannot listen there. */
  @FunctionalInterface
  interface StartOn<T> {
    T start(int port) throws Exception;
  }

  static int pick() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }

  /**
   * Starts an engine on a port {@code ports} picks. A picked port is free when it is picked, not when
   * the engine binds it a moment later: another engine starting beside it may take it in between, so
   * the next picked port is tried.
   */
  static <T> T startOnPicked(IntSupplier ports, StartOn<T> engine) throws Exception {
    Exception last = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      try {
        return engine.start(ports.getAsInt());
      } catch (Exception e) {
        last = e;
      }
    }
    throw last;
  }
}
