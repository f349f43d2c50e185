package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labvault.local.testing.HttpApi;
import org.labvault.local.testing.StackProcess;
import org.labvault.local.testing.Stacks;
import org.labvault.shared.json.Json;

/** The packaged stack, started the way the README starts it: its own process, its own flags. */
class StartupE2ET {

  private static final Pattern READY = StackProcess.READY;

  @TempDir Path state;

  private static StackProcess launch(String... args) throws IOException {
    return StackProcess.launch(args);
  }

  @Test
  void theJarStartsPrintsTheReadyLineWritesStackJsonAndStopsCleanlyOnSigterm() throws Exception {
    long started = System.nanoTime();
    StackProcess stack = launch("--port", "0", "--mqtt-port", "0", "--state-dir", state.toString());
    try {
      Matcher ready = READY.matcher(stack.awaitLine(READY, 60));
      assertThat(ready.matches()).isTrue();
      long startMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      assertThat(startMillis).as("start-up time").isLessThan(30_000);

      URI api = URI.create(ready.group(1));
      JsonNode info = Json.instance().mapper().readTree(Files.readString(state.resolve("stack.json")));
      assertThat(info.path("api").asText()).isEqualTo(api.toString());
      for (String field : List.of("s3Endpoint", "dynamodbEndpoint", "sqsEndpoint", "snsEndpoint")) {
        assertThat(info.path(field).asText()).as(field).contains("127.0.0.1:");
      }
      assertThat(info.path("mqttEndpoint").asText()).startsWith("mqtts://127.0.0.1:");
      assertThat(info.path("caCertPem").asText()).startsWith("-----BEGIN CERTIFICATE-----");
      assertThat(info.path("region").asText()).isEqualTo("us-east-1");

      var http = new HttpApi(api);
      assertThat(http.get("/health", null).status()).isEqualTo(200);
      assertThat(http.get("/notifications", http.token("alice", "acme")).status()).isEqualTo(200);
      // the README's start command finds the API document beside the template
      var document = http.get("/local/openapi.json", null);
      assertThat(document.status()).as(document.body()).isEqualTo(200);
      assertThat(document.json().path("openapi").asText()).startsWith("3.1.");
      assertOnlyLoopbackAnswers(Integer.parseInt(ready.group(2)));
    } finally {
      stack.process().toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its output
    }
    assertThat(stack.process().waitFor(20, TimeUnit.SECONDS)).as("stopped within 20 s").isTrue();
    assertThat(stack.process().exitValue()).as("exit status after SIGTERM").isEqualTo(143);
    stack.awaitLine(Pattern.compile("LabVault local stack stopped"), 5);
    assertThat(stack.seen()).noneMatch(l -> l.contains("Exception") || l.contains("\tat "));

    // the state directory is free again: a second start on it works
    StackProcess again = launch("--port", "0", "--mqtt-port", "0", "--state-dir", state.toString());
    try {
      again.awaitLine(READY, 60);
    } finally {
      again.process().toHandle().destroy();
      again.process().waitFor(20, TimeUnit.SECONDS);
    }
  }

  private static void assertOnlyLoopbackAnswers(int port) throws IOException {
    for (var nic : NetworkInterface.networkInterfaces().toList()) {
      for (var address : nic.inetAddresses().toList()) {
        if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
          try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 1000);
            throw new AssertionError("the stack answers on " + address.getHostAddress());
          } catch (IOException expected) {
            // refused: bound to 127.0.0.1 only
          }
        }
      }
    }
  }

  @Test
  void anUnknownFlagExitsWith2AndTheUsage() throws Exception {
    StackProcess run = launch("--verbose");
    assertThat(run.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(run.process().exitValue()).isEqualTo(2);
    run.awaitLine(Pattern.compile("unknown option --verbose"), 5);
  }

  @Test
  void anOverrideOfAParameterTheTemplateLacksExitsWith2NamingIt() throws Exception {
    var run = launch("--port", "0", "--mqtt-port", "0", "--state-dir", state.toString(), "--parameter-overrides", "Stage=test", "Stag=prod");
    assertThat(run.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(run.process().exitValue()).isEqualTo(2);
    run.awaitLine(Pattern.compile("--parameter-overrides: unknown parameter Stag; .* declares Stage, LogRetentionDays, .*RenotifyMaxAttempts.*"), 5);
    assertThat(state).as("nothing started").isEmptyDirectory();
  }

  @Test
  void aTemplateWithAnUnsupportedConstructExitsWith1NamingIt() throws Exception {
    Path template = state.resolve("template.yaml");
    String original = Files.readString(Stacks.root().resolve("template.yaml"));
    assertThat(original).contains("\nOutputs:");
    Files.writeString(template, original.replace("\nOutputs:",
        "\n  Stream:\n    Type: AWS::Kinesis::Stream\n    Properties: {}\n\nOutputs:"));
    StackProcess run = launch("--port", "0", "--mqtt-port", "0", "--state-dir", state.resolve("s").toString(), "--template", template.toString());
    assertThat(run.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(run.process().exitValue()).isEqualTo(1);
    run.awaitLine(Pattern.compile(".*Stream: resource type AWS::Kinesis::Stream is not supported by the local stack.*"), 5);
  }
}
