package org.labvault.dynamodb.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labvault.dynamodb.DynamoDb;
import org.labvault.dynamodb.server.Credentials;
import org.labvault.dynamodb.server.DynamoDbServer;
import org.labvault.dynamodb.server.ServerOptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * What the engine costs through the SDK over loopback, as ratios to a floor measured in the same
 * run: {@code ./mvnw -B verify -Pbench -pl local/dynamodb}. The floor is the same SDK client's
 * round trip to a trivial HTTP endpoint on loopback that answers {@code {}}: everything the
 * client, the socket and the JSON protocol cost, none of the engine. Also the start-up of a fresh
 * JVM to its ready line, with an empty state and with 100,000 items. Not a test of speed (no
 * timing fails it); it prints a table and writes it to {@code local/dynamodb/target/benchmark.txt}.
 */
class DynamoDbBenchmark {

  static final int WARMUP = 3_000;
  static final int ROUNDS = 5_000;
  static final int ITEMS = 100_000;
  private static final Credentials KEYS = new Credentials("bench", "bench-secret");

  private final List<String> report = new ArrayList<>();

  @Test
  void measure(@TempDir Path dir) throws Exception {
    report.add(String.format(Locale.ROOT, "%-34s %10s %10s %8s %8s", "operation", "p50 ms", "p99 ms", "p50/fl", "p99/fl"));
    // the engine's server turns TCP_NODELAY on for the JDK's HTTP server; the floor must have it too
    Class.forName(DynamoDbServer.class.getName());
    double[] floor;
    HttpServer trivial = trivialEndpoint();
    try (DynamoDbClient client = client(URI.create("http://127.0.0.1:" + trivial.getAddress().getPort()))) {
      floor = time(() -> client.getItem(r -> r.tableName("floor").key(Map.of("pk", AttributeValue.fromS("a")))));
    } finally {
      trivial.stop(0);
    }
    row("floor: trivial HTTP endpoint", floor, floor);

    try (DynamoDb engine = DynamoDb.open(dir.resolve("engine"));
        DynamoDbServer server = DynamoDbServer.start(engine, new ServerOptions("127.0.0.1", 0, KEYS));
        DynamoDbClient client = client(server.endpoint())) {
      client.createTable(r -> r.tableName("bench").billingMode(BillingMode.PAY_PER_REQUEST)
          .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH), k -> k.attributeName("sk").keyType(KeyType.RANGE))
          .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
              a -> a.attributeName("sk").attributeType(ScalarAttributeType.N)));
      for (int i = 0; i < 50; i++) {
        client.putItem(r -> r.tableName("bench").item(item("page", String.valueOf(System.nanoTime() % 1_000_000_000))));
      }
      client.putItem(r -> r.tableName("bench").item(item("one", "1")));
      int[] n = {0};
      row("GetItem", time(() -> client.getItem(r -> r.tableName("bench").key(Map.of("pk", AttributeValue.fromS("one"),
          "sk", AttributeValue.fromN("1"))))), floor);
      row("PutItem", time(() -> client.putItem(r -> r.tableName("bench").item(item("put", String.valueOf(n[0]++ % 1000))))), floor);
      row("Query (page of 50)", time(() -> client.query(r -> r.tableName("bench").keyConditionExpression("pk = :p")
          .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("page"))).limit(50))), floor);
      row("TransactWriteItems (2 puts)", time(() -> client.transactWriteItems(r -> r.transactItems(
          TransactWriteItem.builder().put(p -> p.tableName("bench").item(item("tx-a", String.valueOf(n[0]++ % 1000)))).build(),
          TransactWriteItem.builder().put(p -> p.tableName("bench").item(item("tx-b", String.valueOf(n[0]++ % 1000)))).build()))),
          floor);
    }

    report.add("");
    Path empty = dir.resolve("empty");
    Path full = dir.resolve("full");
    fill(full);
    report.add(String.format(Locale.ROOT, "start-up to ready, fresh JVM: empty state %d ms; %,d items (%d MiB on disk) %d ms;"
            + " a JVM printing one line: %d ms",
        startup(empty), ITEMS, size(full) / (1024 * 1024), startup(full), helloWorld()));
    String table = String.join("\n", report);
    System.out.println(table);
    Files.writeString(Path.of("target", "benchmark.txt"), table + "\n");
  }

  private static Map<String, AttributeValue> item(String pk, String sk) {
    return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromN(sk), "payload",
        AttributeValue.fromS("x".repeat(200)), "count", AttributeValue.fromN("42"));
  }

  private void row(String name, double[] t, double[] floor) {
    report.add(String.format(Locale.ROOT, "%-34s %10.3f %10.3f %8.2f %8.2f", name, t[0], t[1], t[0] / floor[0], t[1] / floor[1]));
  }

  /** p50 and p99 in milliseconds after a warm-up. */
  private static double[] time(Runnable call) {
    for (int i = 0; i < WARMUP; i++) {
      call.run();
    }
    long[] nanos = new long[ROUNDS];
    for (int i = 0; i < ROUNDS; i++) {
      long t0 = System.nanoTime();
      call.run();
      nanos[i] = System.nanoTime() - t0;
    }
    Arrays.sort(nanos);
    return new double[] {nanos[ROUNDS / 2] / 1e6, nanos[ROUNDS * 99 / 100] / 1e6};
  }

  private static DynamoDbClient client(URI endpoint) {
    return DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEYS.accessKeyId(), KEYS.secretAccessKey())))
        .build();
  }

  /** Answers every request with an empty JSON object, as cheaply as the JDK's server can. */
  private static HttpServer trivialEndpoint() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    CRC32 crc = new CRC32();
    crc.update(body);
    String checksum = Long.toString(crc.getValue());
    server.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
      exchange.getResponseHeaders().add("x-amz-crc32", checksum);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    server.start();
    return server;
  }

  /** 100,000 items written in batches of 25, in process, then closed. */
  private static void fill(Path dir) {
    try (DynamoDb engine = DynamoDb.open(dir)) {
      String create = "{\"TableName\":\"bench\",\"BillingMode\":\"PAY_PER_REQUEST\",\"KeySchema\":[{\"AttributeName\":\"pk\","
          + "\"KeyType\":\"HASH\"}],\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}]}";
      engine.handle("DynamoDB_20120810.CreateTable", create.getBytes(StandardCharsets.UTF_8));
      for (int batch = 0; batch < ITEMS / 25; batch++) {
        StringBuilder b = new StringBuilder("{\"RequestItems\":{\"bench\":[");
        for (int i = 0; i < 25; i++) {
          b.append(i == 0 ? "" : ",").append("{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"item-").append(batch * 25 + i)
              .append("\"},\"payload\":{\"S\":\"").append("x".repeat(200)).append("\"}}}}");
        }
        b.append("]}}");
        DynamoDb.Response r = engine.handle("DynamoDB_20120810.BatchWriteItem", b.toString().getBytes(StandardCharsets.UTF_8));
        if (r.status() != 200) {
          throw new IllegalStateException(new String(r.body(), StandardCharsets.UTF_8));
        }
      }
    }
  }

  private static long size(Path dir) throws Exception {
    try (var files = Files.list(dir)) {
      return files.mapToLong(f -> f.toFile().length()).sum();
    }
  }

  /** Milliseconds from starting a JVM running the engine's main until it prints its ready line. */
  private static long startup(Path dir) throws Exception {
    return firstLine(List.of("org.labvault.dynamodb.server.DynamoDbMain", "--port", "0", "--dir", dir.toString()), "DynamoDB engine ready");
  }

  private static long helloWorld() throws Exception {
    return firstLine(List.of(Hello.class.getName()), "hello");
  }

  private static long firstLine(List<String> mainAndArgs, String expected) throws Exception {
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "-cp", System.getProperty("java.class.path")));
    command.addAll(mainAndArgs);
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith(expected)) {
          return (System.nanoTime() - t0) / 1_000_000;
        }
      }
      throw new IllegalStateException("no ready line from " + mainAndArgs);
    } finally {
      p.destroy();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** The floor of start-up: a JVM that prints one line. */
  public static final class Hello {
    public static void main(String[] args) {
      System.out.println("hello");
    }
  }

}
