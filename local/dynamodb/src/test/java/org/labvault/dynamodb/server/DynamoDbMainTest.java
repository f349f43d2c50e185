package org.labvault.dynamodb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DynamoDbMainTest {

  @Test
  void defaults() {
    DynamoDbMain.Options options = DynamoDbMain.Options.parse(new String[0]);
    assertThat(options.port()).isEqualTo(8000);
    assertThat(options.host()).isEqualTo("127.0.0.1");
    assertThat(options.dir()).isNull();
    assertThat(options.credentials()).isNull();
  }

  @Test
  void parsesEveryOption() {
    DynamoDbMain.Options options = DynamoDbMain.Options.parse(new String[] {
        "--port", "0", "--dir", "data", "--access-key", "AK", "--secret-key", "SK"});
    assertThat(options.port()).isZero();
    assertThat(options.dir()).isEqualTo(Path.of("data"));
    assertThat(options.credentials()).isEqualTo(new Credentials("AK", "SK"));
  }

  @Test
  void refusesBadArguments() {
    assertThatThrownBy(() -> DynamoDbMain.Options.parse(new String[] {"--port"})).hasMessageContaining("--port");
    assertThatThrownBy(() -> DynamoDbMain.Options.parse(new String[] {"--port", "x"})).hasMessageContaining("'x'");
    assertThatThrownBy(() -> DynamoDbMain.Options.parse(new String[] {"--port", "99999"})).hasMessageContaining("65535");
    assertThatThrownBy(() -> DynamoDbMain.Options.parse(new String[] {"--access-key", "AK"}))
        .hasMessageContaining("--secret-key");
    assertThatThrownBy(() -> DynamoDbMain.Options.parse(new String[] {"--verbose"})).hasMessageContaining("--verbose");
  }

  @Test
  void announcesTheEndpointAndAnswersUntilClosed(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    DynamoDbMain.Options options = DynamoDbMain.Options.parse(new String[] {"--port", "0", "--dir", dir.toString()});
    int port;
    try (DynamoDbMain.Running running = DynamoDbMain.start(options)) {
      running.announce(new PrintStream(printed, true, StandardCharsets.UTF_8));
      port = running.server().port();
      assertThat(printed.toString(StandardCharsets.UTF_8))
          .isEqualTo("DynamoDB engine ready: http://127.0.0.1:" + port + System.lineSeparator());

      HttpResponse<String> health = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
    }
    assertThat(Files.isDirectory(dir)).isTrue();
    assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", port).close()).isInstanceOf(java.io.IOException.class);
  }

  @Test
  void runsAsAProcessAndStopsOnSigterm() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        DynamoDbMain.class.getName(), "--port", "0")
        .redirectErrorStream(true)
        .start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      assertThat(line).matches("DynamoDB engine ready: http://127\\.0\\.0\\.1:\\d+");
      URI endpoint = URI.create(line.substring(line.indexOf("http://")));
      HttpResponse<String> health = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(endpoint).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);

      process.destroy(); // SIGTERM
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", endpoint.getPort()).close())
          .isInstanceOf(java.io.IOException.class);
    } finally {
      process.destroyForcibly();
    }
  }
}
