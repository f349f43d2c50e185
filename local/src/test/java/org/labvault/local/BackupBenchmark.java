package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.labvault.local.testing.Backups;
import org.labvault.local.testing.HttpApi;
import org.labvault.local.testing.StackExtension;
import org.labvault.local.testing.Uploads;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;

/**
 * What the backup verification costs, against floors measured in the same run on the same stack:
 * {@code ./mvnw -B verify -Pbench -pl local -Dit.test=BackupBenchmark}. 10,000 assets with backup
 * copies (1 KiB each) are checked by the verification; the floor is HEAD requests alone for the
 * same objects from this JVM, as many in flight as the verification uses. Then the table grows to
 * 100,000 items, and the daily run (snapshot) and the verification's restore drill are timed. The
 * table is printed and written to {@code local/target/backup-benchmark.txt}; no timing fails it.
 */
class BackupBenchmark {

  @RegisterExtension static final StackExtension STACK = StackExtension.forBenchmark();
  static final int COPIES = 10_000;
  static final int ITEMS = 100_000;
  static final int IN_FLIGHT = 32;

  @Test
  void measure() throws Exception {
    HttpApi api = STACK.api().waitingUpTo(java.time.Duration.ofMinutes(15));
    Backups backups = new Backups(STACK.stack(), api);
    String operator = api.token("op-bench", "platform", "operators");
    List<String> keys = seedCopies(backups);
    untilQuiet(); // the stream's consumers read the 10,000 new items first

    long floorNanos = timed(() -> parallel(COPIES, i -> backups.s3().headObject(r -> r.bucket(backups.bucket("BackupBucket"))
        .key(keys.get(i)).checksumMode(ChecksumMode.ENABLED))));
    JsonNode first = post(api, "/ops/backups/verify", operator);
    assertThat(first.path("status").asText()).as(first.toString()).isEqualTo("PASSED");
    assertThat(first.at("/objects/verified").asLong()).isEqualTo(COPIES);
    long objectsMs = first.at("/timings/objectsMs").asLong();

    seedFiller(backups, ITEMS - (int) first.at("/snapshot/items").asLong());
    untilQuiet();
    long runStart = System.nanoTime();
    JsonNode run = post(api, "/ops/backups/run", operator);
    long runNanos = System.nanoTime() - runStart;
    long verifyStart = System.nanoTime();
    JsonNode second = post(api, "/ops/backups/verify", operator);
    long verifyNanos = System.nanoTime() - verifyStart;
    assertThat(second.path("status").asText()).as(second.toString()).isEqualTo("PASSED");
    long items = second.at("/snapshot/items").asLong();

    double floorRate = COPIES / (floorNanos / 1e9);
    double rate = COPIES / (objectsMs / 1e3);
    List<String> report = List.of(
        String.format("%-62s %9.0f ms  %8.0f objects/s", "floor: 10,000 HEAD requests, " + IN_FLIGHT + " in flight",
            floorNanos / 1e6, floorRate),
        String.format("%-62s %9d ms  %8.0f objects/s   ratio %5.2f", "verification: 10,000 backup copies checked",
            objectsMs, rate, floorRate / rate),
        String.format("%-62s %9.0f ms  %8.0f items/s", "daily run: snapshot of " + run.path("items").asLong()
            + " items (+ asset scan)", runNanos / 1e6, run.path("items").asLong() / (runNanos / 1e9)),
        String.format("%-62s %9d ms  (restore %.1f s per 10,000 items)", "restore drill of " + items
            + " items (read, restore, compare, drop)", second.at("/timings/drillMs").asLong(),
            second.path("rtoSecondsPer10000Items").asDouble()),
        String.format("%-62s %9.0f ms", "whole verification of 100,000 items (drill + 10,000 copies)", verifyNanos / 1e6));
    String table = String.join("\n", report);
    System.out.println(table);
    Path out = Path.of(System.getProperty("labvault.root", "..")).resolve("local/target/backup-benchmark.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, table + "\n");
  }

  /**
   * Waits until this JVM (the stack runs in it) has been nearly idle for two seconds, so that no
   * measurement shares the cores with the stream consumers still reading seeded items.
   */
  static void untilQuiet() throws InterruptedException {
    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    int quietSamples = 0;
    long giveUp = System.nanoTime() + 300_000_000_000L;
    os.getProcessCpuLoad();
    while (quietSamples < 4 && System.nanoTime() < giveUp) {
      Thread.sleep(500);
      quietSamples = os.getProcessCpuLoad() < 0.10 ? quietSamples + 1 : 0;
    }
  }

  static JsonNode post(HttpApi api, String path, String token) {
    var answer = api.post(path, token);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json();
  }

  /** 10,000 AVAILABLE assets, each with its copy in the backup bucket and recorded on the asset. */
  static List<String> seedCopies(Backups backups) throws Exception {
    String group = UUID.randomUUID().toString();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < COPIES; i++) {
      keys.add("assets/bench/" + group + "/" + UUID.randomUUID());
    }
    String now = Instant.now().toString();
    List<Map<String, AttributeValue>> items = java.util.Collections.synchronizedList(new ArrayList<>());
    parallel(COPIES, i -> {
      byte[] bytes = new byte[1024];
      new Random(i).nextBytes(bytes);
      String sha = Uploads.sha256(bytes);
      String key = keys.get(i);
      String version = backups.s3().putObject(r -> r.bucket(backups.bucket("BackupBucket")).key(key)
          .checksumAlgorithm(ChecksumAlgorithm.SHA256).checksumSHA256(sha), RequestBody.fromBytes(bytes)).versionId();
      String assetId = key.substring(key.lastIndexOf('/') + 1);
      Map<String, AttributeValue> item = new HashMap<>();
      item.put("pk", s("ASSET#" + assetId));
      item.put("sk", s("META"));
      item.put("type", s("Asset"));
      item.put("assetId", s(assetId));
      item.put("groupId", s(group));
      item.put("objectKey", s(key));
      item.put("versionId", s("bench"));
      item.put("sizeBytes", AttributeValue.fromN("1024"));
      item.put("sha256", s(sha));
      item.put("status", s("AVAILABLE"));
      item.put("createdAt", s(now));
      item.put("availableAt", s(now));
      item.put("backupVersionId", s(version));
      items.add(item);
    });
    write(backups, items);
    return keys;
  }

  /** Items that are not assets, as many as make the table {@code ITEMS} long. */
  static void seedFiller(Backups backups, int count) throws Exception {
    List<Map<String, AttributeValue>> items = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      items.add(Map.of("pk", s("BENCH#" + (i % 1000)), "sk", s("ITEM#" + i), "type", s("BenchItem"),
          "note", s("a filler item of about a hundred bytes, like a member or an audit record " + i)));
    }
    write(backups, items);
  }

  static void write(Backups backups, List<Map<String, AttributeValue>> items) throws Exception {
    int batches = (items.size() + 24) / 25;
    parallel(batches, b -> {
      List<WriteRequest> batch = items.subList(b * 25, Math.min(items.size(), b * 25 + 25)).stream()
          .map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build()).toList();
      Map<String, List<WriteRequest>> pending = Map.of(backups.table(), batch);
      while (!pending.isEmpty()) {
        Map<String, List<WriteRequest>> request = pending;
        var left = backups.dynamo().batchWriteItem(r -> r.requestItems(request)).unprocessedItems();
        pending = left == null ? Map.of() : left;
      }
    });
  }

  static long timed(ThrowingRunnable body) throws Exception {
    long start = System.nanoTime();
    body.run();
    return System.nanoTime() - start;
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  static void parallel(int count, IntConsumer each) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT);
    try {
      List<Future<?>> running = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int n = i;
        running.add(pool.submit(() -> each.accept(n)));
      }
      for (Future<?> f : running) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }
}
