package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.labvault.local.testing.HttpApi;
import org.labvault.local.testing.StackExtension;
import org.labvault.local.testing.Timings;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.json.Json;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * What the local API adds to a warm request, against the store's own time:
 * {@code ./mvnw -B verify -Pbench -pl local -Dit.test=WarmPathBenchmark}. One side is
 * {@code POST /permissions/check} of one group through the local API with a real bearer token (JWT
 * authorizer, payload 2.0 event, the function, the membership read, the answer); the other a raw
 * strongly consistent GetItem of that very membership item against the same DynamoDB engine. Both
 * go over kept-alive {@link HttpURLConnection}s (the SDK's URL-connection client on the store's
 * side), the body buffered and sent with the head as that client sends it, one call at a time, in
 * alternating blocks so that both see the same load of the machine.
 * The table is printed and written to {@code local/target/warm-path-benchmark.txt}; no timing
 * fails it, only a call that does not succeed.
 */
class WarmPathBenchmark {

  @RegisterExtension static final StackExtension STACK = StackExtension.forBenchmark();
  static final int WARM_UP = 500;
  static final int CALLS = 2_000;
  static final int BLOCK = 100;

  @Test
  void measure() throws Exception {
    HttpApi api = STACK.api();
    String token = api.token("warm-bench", "acme");
    String groupId = api.createGroup(token, "warm path");
    String table = STACK.stack().model().tables().get("DataTable").tableName();
    DynamoDbClient dynamo = STACK.stack().dynamoDbClient();

    URI check = STACK.stack().api().resolve("/permissions/check");
    byte[] body = ("{\"checks\":[{\"resource\":\"group:" + groupId + "\",\"action\":\"assets:read\"}]}")
        .getBytes(StandardCharsets.UTF_8);
    GetItemRequest get = GetItemRequest.builder().tableName(table).consistentRead(true)
        .key(Map.of(Keys.PK, AttributeValue.fromS(Keys.group(groupId)),
            Keys.SK, AttributeValue.fromS(Keys.member("warm-bench"))))
        .projectionExpression("#r").expressionAttributeNames(Map.of("#r", "role"))
        .build();

    Runnable viaApi = () -> {
      String answer = post(check, token, body);
      JsonNode result = read(answer).path("results").path(0);
      if (!result.path("allowed").asBoolean() || !"ADMIN".equals(result.path("role").asText())) {
        throw new AssertionError("the check did not find the membership: " + answer);
      }
    };
    Runnable raw = () -> {
      var item = dynamo.getItem(get).item();
      if (item == null || !"ADMIN".equals(item.get("role").s())) {
        throw new AssertionError("the membership item was not found: " + item);
      }
    };

    // class loading, JIT, token verification's first run and the kept-alive connections are paid here
    for (int i = 0; i < WARM_UP; i++) {
      viaApi.run();
      raw.run();
    }
    long[] apiTimes = new long[CALLS];
    long[] rawTimes = new long[CALLS];
    for (int done = 0; done < CALLS; done += BLOCK) {
      time(viaApi, apiTimes, done);
      time(raw, rawTimes, done);
    }
    Arrays.sort(apiTimes);
    Arrays.sort(rawTimes);

    List<String> report = new ArrayList<>();
    report.add(String.format("%-46s %8s %8s %8s", "warm, sequential, " + CALLS + " calls each", "p50 ms", "p90 ms", "p99 ms"));
    report.add(line("POST /permissions/check via the local API", apiTimes));
    report.add(line("GetItem of the membership, same engine", rawTimes));
    report.add(String.format("%-46s %8.2f %8.2f %8.2f", "ratio (API / GetItem)",
        ratio(apiTimes, rawTimes, 50), ratio(apiTimes, rawTimes, 90), ratio(apiTimes, rawTimes, 99)));
    String text = String.join("\n", report);
    System.out.println(text);
    Path out = Path.of("target", "warm-path-benchmark.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, text + "\n");
    assertThat(apiTimes[0]).isPositive();
    assertThat(rawTimes[0]).isPositive();
  }

  private static void time(Runnable call, long[] times, int from) {
    for (int i = from; i < from + BLOCK; i++) {
      long began = System.nanoTime();
      call.run();
      times[i] = System.nanoTime() - began;
    }
  }

  /**
   * One POST on a kept-alive connection, like the SDK's client: fails unless the answer is 200. No
   * fixed-length streaming mode, as in that client: streaming sends the head and the body apart,
   * which cost about 1.5 ms a call here.
   */
  private static String post(URI uri, String token, byte[] body) {
    try {
      HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      c.setRequestProperty("Authorization", "Bearer " + token);
      c.setRequestProperty("Content-Type", "application/json");
      c.setConnectTimeout(5_000);
      c.setReadTimeout(30_000);
      try (OutputStream out = c.getOutputStream()) {
        out.write(body);
      }
      int status = c.getResponseCode();
      InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
      String answer;
      try (in) {
        answer = new String(in.readAllBytes(), StandardCharsets.UTF_8); // read in full: the connection is reused
      }
      if (status != 200) {
        throw new AssertionError("POST " + uri.getPath() + " answered " + status + ": " + answer);
      }
      return answer;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static JsonNode read(String json) {
    try {
      return Json.instance().mapper().readTree(json);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static double ratio(long[] a, long[] b, int p) {
    return Timings.percentileMillis(a, p) / Timings.percentileMillis(b, p);
  }

  private static String line(String label, long[] sorted) {
    return String.format("%-46s %8.2f %8.2f %8.2f", label, Timings.percentileMillis(sorted, 50),
        Timings.percentileMillis(sorted, 90), Timings.percentileMillis(sorted, 99));
  }
}
