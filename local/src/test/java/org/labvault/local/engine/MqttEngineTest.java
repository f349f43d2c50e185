package org.labvault.local.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labvault.local.iot.IotAuthorizer;
import org.labvault.local.iot.IotRegistry;
import org.labvault.local.pki.LocalCa;

class MqttEngineTest {

  @TempDir Path dir;

  @Test
  void startOnFreePort_shouldTryAnotherPort_whenThePickedOneWasTakenBeforeTheBrokerBoundIt() throws Exception {
    LocalCa ca = LocalCa.open(Files.createDirectories(dir.resolve("ca")));
    IotRegistry registry = IotRegistry.open(dir.resolve("registry.json"), ca, Clock.systemUTC());
    IotAuthorizer authorizer = new IotAuthorizer(registry, Map.of(), "us-east-1", "000000000000");
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      // the port was free when picked; another engine bound it before the broker did
      var picks = new ArrayDeque<>(List.of(taken.getLocalPort(), FreePort.pick()));
      try (MqttEngine broker = MqttEngine.startOnFreePort(picks::removeFirst, dir.resolve("mqtt"), ca, registry, authorizer)) {
        assertThat(picks).as("a second port was picked").isEmpty();
        assertThat(broker.endpoint().getPort()).isNotEqualTo(taken.getLocalPort());
        try (var client = new Socket(InetAddress.getLoopbackAddress(), broker.endpoint().getPort())) {
          assertThat(client.isConnected()).as("the broker listens on the second port").isTrue();
        }
      }
    }
  }
}
