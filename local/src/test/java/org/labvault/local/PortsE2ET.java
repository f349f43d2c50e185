package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.labvault.local.testing.StackProcess;
import org.labvault.local.testing.Stacks;

/**
 * The ports a stack takes: kept across restarts of a state directory, pinned by flags, and named
 * with their flag when taken.
 */
class PortsE2ET {

  @TempDir Path state;

  @Test
  void enginePorts_shouldStayTheSameAcrossRestartsOfTheStateDir() throws Exception {
    int dynamoDb;
    int s3;
    try (LocalStack first = Stacks.start(state)) {
      dynamoDb = first.dynamoDbEndpoint().getPort();
      s3 = first.s3Endpoint().getPort();
    }
    assertThat(state.resolve("ports.json")).exists();
    try (LocalStack second = Stacks.start(state)) {
      assertThat(second.dynamoDbEndpoint().getPort()).as("dynamodbEndpoint port").isEqualTo(dynamoDb);
      assertThat(second.s3Endpoint().getPort()).as("s3Endpoint port").isEqualTo(s3);
    }
  }

  @Test
  void enginePorts_shouldBeTheOnesTheFlagsPin() throws Exception {
    int dynamoDb = freePort();
    int s3 = freePort();
    try (LocalStack stack = LocalStack.start(Stacks.options(state).withDynamoDbPort(dynamoDb).withS3Port(s3))) {
      assertThat(stack.dynamoDbEndpoint().getPort()).isEqualTo(dynamoDb);
      assertThat(stack.s3Endpoint().getPort()).isEqualTo(s3);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"--port", "--s3-port", "--dynamodb-port", "--mqtt-port"})
  void aTakenPort_shouldBeNamedWithItsFlag_andExit1(String flag) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      List<String> args = new ArrayList<>(List.of("--state-dir", state.toString()));
      if (!flag.equals("--port")) {
        args.addAll(List.of("--port", "0"));
      }
      if (!flag.equals("--mqtt-port")) {
        args.addAll(List.of("--mqtt-port", "0"));
      }
      args.addAll(List.of(flag, String.valueOf(port)));

      StackProcess stack = StackProcess.launch(args.toArray(String[]::new));

      assertThat(stack.awaitExit(60)).isEqualTo(1);
      assertThat(stack.seen()).contains("LabVault local stack did not start: port " + port + " (" + flag
          + ") is already in use on 127.0.0.1; stop what uses it or choose another " + flag);
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
