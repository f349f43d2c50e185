package org.labvault.dynamodb.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labvault.dynamodb.DynamoDb;
import org.labvault.dynamodb.testing.SdkClients;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every acknowledged write survives kill -9 of the process, and a transaction is all or nothing
 * across it: a child JVM writes until it is killed mid-stream, then the directory is reopened.
 */
class DurabilityTest {

  @Test
  void acknowledgedWritesSurviveKillMinus9_andTransactionsStayWhole(@TempDir Path dir) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        DurableWriter.class.getName(), dir.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    int lastPut = -1;
    int lastTx = -1;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("put ")) {
          lastPut = Integer.parseInt(line.substring(4));
        } else if (line.startsWith("tx ")) {
          lastTx = Integer.parseInt(line.substring(3));
        }
        if (lastTx >= 300) {
          child.destroyForcibly(); // SIGKILL: no shutdown hook, no close
          break;
        }
      }
    }
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(lastTx).as("the child wrote before it was killed").isGreaterThanOrEqualTo(300);

    try (DynamoDb reopened = DynamoDb.open(dir); DynamoDbClient client = SdkClients.client(reopened)) {
      for (int i = 0; i <= lastPut; i++) {
        assertThat(exists(client, "put-" + i)).as("acknowledged put %d", i).isTrue();
      }
      for (int i = 0; i <= lastTx + 5; i++) {
        boolean a = exists(client, "a-" + i);
        assertThat(exists(client, "b-" + i)).as("both halves of transaction %d or neither", i).isEqualTo(a);
        if (i <= lastTx) {
          assertThat(a).as("acknowledged transaction %d", i).isTrue();
        }
      }
    }
  }

  private static boolean exists(DynamoDbClient client, String pk) {
    return client.getItem(r -> r.tableName("durable").key(Map.of("pk", AttributeValue.fromS(pk))).consistentRead(true)).hasItem();
  }
}
