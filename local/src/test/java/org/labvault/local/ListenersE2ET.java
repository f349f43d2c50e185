package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labvault.local.testing.StackProcess;
import org.labvault.shared.json.Json;

/**
 * Every TCP socket the stack's process listens on is bound to 127.0.0.1: nothing of a developer's
 * stack (unsigned tokens, local credentials, data) is reachable from the network.
 */
class ListenersE2ET {

  /** 127.0.0.1 in /proc/net/tcp, and as an IPv4-mapped address in /proc/net/tcp6. */
  private static final Set<String> LOOPBACK_V4 = Set.of("0100007F", "0000000000000000FFFF00000100007F");
  private static final String LISTEN = "0A";

  @TempDir Path state;

  record Listener(String address, int port) {}

  @Test
  void everyListeningSocketOfTheStackProcess_shouldBeBoundTo127001() throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "needs Linux /proc");
    // given
    StackProcess stack = StackProcess.launch("--port", "0", "--mqtt-port", "0", "--state-dir", state.toString());
    try {
      stack.awaitLine(StackProcess.READY, 60);
      JsonNode info = Json.instance().mapper().readTree(Files.readString(state.resolve("stack.json")));
      Map<Integer, String> endpointByPort = new HashMap<>();
      info.fieldNames().forEachRemaining(name -> {
        if (name.equals("api") || name.endsWith("Endpoint")) {
          endpointByPort.put(URI.create(info.path(name).asText()).getPort(), name);
        }
      });

      // when
      List<Listener> listeners = listenersOf(stack.process().pid());

      // then
      assertThat(listeners).as("listening sockets").isNotEmpty();
      assertThat(listeners.stream().map(Listener::port)).as("every endpoint of stack.json listens")
          .containsAll(endpointByPort.keySet());
      for (Listener l : listeners) {
        String endpoint = endpointByPort.getOrDefault(l.port(), "an unlisted listener");
        assertThat(LOOPBACK_V4).as("%s on port %d is bound to %s", endpoint, l.port(), l.address())
            .contains(l.address());
      }
    } finally {
      stack.stop();
    }
  }

  /** The LISTEN sockets whose inode is one of the process's open files. */
  private static List<Listener> listenersOf(long pid) throws IOException {
    Set<String> inodes = new HashSet<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
      for (Path fd : fds.toList()) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring("socket:[".length(), target.length() - 1));
          }
        } catch (IOException closedMeanwhile) {
          // not a socket we need
        }
      }
    }
    List<Listener> listeners = new java.util.ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      for (String line : Files.readAllLines(Path.of(table)).stream().skip(1).toList()) {
        // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
        String[] f = line.trim().split("\\s+");
        if (f[3].equals(LISTEN) && inodes.contains(f[9])) {
          String[] local = f[1].split(":");
          listeners.add(new Listener(local[0], Integer.parseInt(local[1], 16)));
        }
      }
    }
    return listeners;
  }
}
