package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.labvault.local.testing.Apps;
import org.labvault.local.testing.HttpApi;
import org.labvault.local.testing.StackExtension;
import org.labvault.local.testing.Uploads;
import org.labvault.shared.json.Json;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * What deletion fan-out costs, against a floor measured in the same run on the same stack:
 * {@code ./mvnw -B verify -Pbench}. An asset with 1,000 app links across 10 registered
 * applications is deleted; each application reads its own queue and confirms every notice through
 * the API; the time runs from the DELETE until the deletion status says COMPLETE. The floor is the
 * plumbing alone: 1,000 messages published straight to the topic (batches of 10) and received from
 * the same 10 filtered queues. The table is printed and written to
 * {@code local/target/deletion-benchmark.txt}; no timing fails it.
 */
class DeletionBenchmark {

  @RegisterExtension static final StackExtension STACK = StackExtension.forBenchmark();
  static final int APPS = 10;
  static final int LINKS = 1_000;
  static final long GIVE_UP_NANOS = 120_000_000_000L;
  static long floorPublishNanos;

  @Test
  void measure() throws Exception {
    HttpApi api = STACK.api();
    try (SqsClient sqs = STACK.stack().sqsClient(); SnsClient sns = STACK.stack().snsClient()) {
      Apps apps = new Apps(api, sqs, sns);
      List<Apps.App> subscribers = new ArrayList<>();
      String topicArn = null;
      for (int i = 0; i < APPS; i++) {
        Apps.App app = apps.registerAndSubscribe("bench-app-" + i);
        subscribers.add(app);
      }
      topicArn = apps.register("bench-topic-probe").path("topicArn").asText();

      long floorNanos = floor(sns, apps, topicArn, subscribers);
      Measured deletion = deleteAndConfirm(api, apps, subscribers);

      double floorRate = LINKS / (floorNanos / 1e9);
      double rate = LINKS / (deletion.nanos / 1e9);
      List<String> report = List.of(
          String.format("%-58s %9.0f ms  %8.0f msg/s", "floor: 1,000 raw SNS publishes -> SQS receives (10 queues)",
              floorNanos / 1e6, floorRate),
          String.format("%-58s %9.0f ms", "  of which publishing (100 PublishBatch calls)", floorPublishNanos / 1e6),
          String.format("%-58s %9.0f ms  %8.0f msg/s   ratio %5.2f", "DELETE of an asset with 1,000 links -> COMPLETE",
              deletion.nanos / 1e6, rate, (double) deletion.nanos / floorNanos),
          String.format("%-58s %9.0f ms", "  of which until the last notice was received", deletion.lastReceivedNanos / 1e6));
      String table = String.join("\n", report);
      System.out.println(table);
      Path out = Path.of(System.getProperty("labvault.root", "..")).resolve("local/target/deletion-benchmark.txt");
      Files.createDirectories(out.getParent());
      Files.writeString(out, table + "\n");
      assertThat(deletion.confirmed).isEqualTo(LINKS);
    }
  }

  /** Publishes 1,000 notices straight to the topic and receives them from the apps' queues. */
  static long floor(SnsClient sns, Apps apps, String topicArn, List<Apps.App> subscribers) throws Exception {
    long start = System.nanoTime();
    for (int batch = 0; batch < LINKS / 10; batch++) {
      List<PublishBatchRequestEntry> entries = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        int n = batch * 10 + i;
        String appId = subscribers.get(n % APPS).appId();
        entries.add(PublishBatchRequestEntry.builder().id("m" + i)
            .message("{\"type\":\"AppLinkDeleted\",\"linkId\":\"floor-" + n + "\",\"appId\":\"" + appId + "\"}")
            .messageAttributes(Map.of("appId", MessageAttributeValue.builder().dataType("String").stringValue(appId).build()))
            .build());
      }
      sns.publishBatch(p -> p.topicArn(topicArn).publishBatchRequestEntries(entries));
    }
    floorPublishNanos = System.nanoTime() - start;
    AtomicInteger received = new AtomicInteger();
    try (ExecutorService readers = Executors.newFixedThreadPool(APPS)) {
      List<Future<?>> done = new ArrayList<>();
      for (Apps.App app : subscribers) {
        done.add(readers.submit(() -> {
          int mine = 0;
          long deadline = System.nanoTime() + GIVE_UP_NANOS;
          while (mine < LINKS / APPS) {
            if (System.nanoTime() > deadline) {
              throw new AssertionError(app.appId() + " received " + mine + " of " + LINKS / APPS);
            }
            List<Message> messages = apps.receiveOnce(app, 1);
            mine += messages.size();
            received.addAndGet(messages.size());
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    }
    assertThat(received.get()).isEqualTo(LINKS);
    return System.nanoTime() - start;
  }

  record Measured(long nanos, long lastReceivedNanos, int confirmed) {}

  /** Deletes an asset with 1,000 links; each app confirms what it receives; until COMPLETE. */
  static Measured deleteAndConfirm(HttpApi api, Apps apps, List<Apps.App> subscribers) throws Exception {
    String alice = api.token("alice", "acme");
    String group = api.createGroup(alice, "bench");
    byte[] content = new byte[1024];
    new Random(7).nextBytes(content);
    Uploads uploads = new Uploads(api);
    JsonNode created = uploads.declare(alice, group, "bench.bin", content, null);
    Uploads.put(created.at("/upload/url").asText(), Uploads.headersOf(created.path("upload")), content);
    String assetId = created.path("assetId").asText();
    uploads.awaitStatus(alice, assetId, "AVAILABLE");
    for (int n = 0; n < LINKS; n++) {
      var res = api.postJson("/assets/" + assetId + "/app-links", alice,
          "{\"appId\":\"" + subscribers.get(n % APPS).appId() + "\",\"externalRef\":\"REF-" + n + "\"}");
      assertThat(res.status()).as(res.body()).isEqualTo(201);
    }

    AtomicInteger confirmed = new AtomicInteger();
    long start = System.nanoTime();
    long[] lastReceived = new long[1];
    try (ExecutorService consumers = Executors.newFixedThreadPool(APPS)) {
      assertThat(api.send("DELETE", "/assets/" + assetId, alice, null, null).status()).isEqualTo(202);
      List<Future<?>> done = new ArrayList<>();
      for (Apps.App app : subscribers) {
        done.add(consumers.submit(() -> {
          int mine = 0;
          long deadline = System.nanoTime() + GIVE_UP_NANOS;
          while (mine < LINKS / APPS) {
            if (System.nanoTime() > deadline) {
              throw new AssertionError(app.appId() + " received " + mine + " of " + LINKS / APPS);
            }
            for (Message m : apps.receiveOnce(app, 1)) {
              String linkId = Json.instance().mapper().readTree(m.body()).path("linkId").asText();
              assertThat(apps.confirm(app.token(), linkId).status()).isEqualTo(204);
              mine++;
              confirmed.incrementAndGet();
            }
          }
          synchronized (lastReceived) {
            lastReceived[0] = Math.max(lastReceived[0], System.nanoTime() - start);
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    }
    while (!api.get("/assets/" + assetId + "/deletion", alice).json().path("status").asText().equals("COMPLETE")) {
      Thread.sleep(20);
    }
    return new Measured(System.nanoTime() - start, lastReceived[0], confirmed.get());
  }
}
