package org.labvault.local;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.labvault.local.engine.Engine;
import org.labvault.shared.json.Json;

/**
 * The engines' ports of one state directory, kept in {@code ports.json} so that the endpoints a
 * developer configured (an AWS CLI profile, a shell variable) stay valid across restarts. A flag
 * pins a port; otherwise the last one is reused when it is free, and a new free one picked if not.
 */
final class EnginePorts {

  private final Path file;
  private final Map<String, Integer> remembered;

  private EnginePorts(Path file, Map<String, Integer> remembered) {
    this.file = file;
    this.remembered = remembered;
  }

  static EnginePorts in(Path file) {
    Map<String, Integer> remembered = new LinkedHashMap<>();
    try {
      if (Files.exists(file)) {
        remembered.putAll(Json.instance().mapper().readValue(file.toFile(), new TypeReference<Map<String, Integer>>() {}));
      }
    } catch (IOException e) {
      // unreadable: choose new ports, and write the file afresh once they are known
    }
    return new EnginePorts(file, remembered);
  }

  /**
   * The port to start the engine behind {@code endpoint} on: {@code pinned} (checked free), else
   * the remembered one if free, else 0 (any free port).
   *
   * @throws PortInUseException when the pinned port is taken
   */
  int choose(String endpoint, int pinned, String flag) throws PortInUseException {
    if (pinned != 0) {
      requireFree(pinned, flag);
      return pinned;
    }
    Integer last = remembered.get(endpoint);
    return last != null && isFree(last) ? last : 0;
  }

  /** Records the ports the engines listen on now. */
  void remember(List<Engine> engines) throws IOException {
    Map<String, Integer> ports = new LinkedHashMap<>(remembered);
    engines.forEach(engine -> engine.ports().forEach((key, uri) -> ports.put(key, uri.getPort())));
    Files.writeString(file, Json.instance().write(ports), StandardCharsets.UTF_8);
  }

  static void requireFree(int port, String flag) throws PortInUseException {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true); // a port left in TIME_WAIT by the last run is free to listen on
      probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
    } catch (IOException e) {
      throw new PortInUseException(port, flag, e);
    }
  }

  private static boolean isFree(int port) {
    try {
      requireFree(port, "");
      return true;
    } catch (PortInUseException e) {
      return false;
    }
  }
}
