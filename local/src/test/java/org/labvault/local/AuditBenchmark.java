package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.labvault.local.testing.HttpApi;
import org.labvault.local.testing.StackExtension;
import org.labvault.local.testing.Timings;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.audit.AuditLog;
import org.labvault.shared.aws.DynamoAuditLog;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.aws.Transactions;
import org.labvault.shared.aws.Tx;
import org.labvault.shared.config.Config;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the audit chains cost an action, against the same action unaudited in the same run, on the
 * local stack's DynamoDB engine over HTTP: {@code ./mvnw -B verify -Pbench -pl local -Dit.test=AuditBenchmark}.
 * An action is what a typical audited route writes: one transaction that puts a new item
 * (conditional on its key being new) and counts it on its parent (as adding a member does). The
 * audited action goes through the audit writer of every function ({@link DynamoAuditLog}): a
 * consistent read of the chain's head, and the head's move and the record in the change's own
 * transaction, retried when another writer took the seq. For comparison, the record also in a
 * transaction of its own after the change. Measured with 1 and 16
 * writers, with {@code AuditChains} 1 and 16; then {@code POST /ops/audit/verify} over everything
 * written, in records per second. The table is printed and written to
 * {@code local/target/audit-benchmark.txt}; no timing fails it.
 */
class AuditBenchmark {

  @RegisterExtension static final StackExtension STACK = StackExtension.forBenchmark();
  static final int ACTIONS_ALONE = 1_000;
  static final int ACTIONS_EACH = 200;
  static final int WARM_UP = 300;

  static DynamoDbClient dynamo;
  static String table;

  /** Action number {@code n} of writer {@code writer}. */
  interface Action {
    void run(int writer, int n) throws Exception;
  }

  /** A run's action times (sorted), its wall time and how many actions failed (their audit record could not be chained). */
  record Run(String label, long[] sortedNanos, long wallNanos, int failed) {
    double perSecond() {
      return sortedNanos.length / (wallNanos / 1e9);
    }
  }

  @Test
  void measure() throws Exception {
    dynamo = STACK.stack().dynamoDbClient();
    table = STACK.stack().model().tables().get("DataTable").tableName();
    AuditLog oneChain = auditLog(1);
    AuditLog sixteenChains = auditLog(16);
    // class loading, the engine's first pages and the HTTP connections are paid before any measurement
    run("warm", 4, WARM_UP / 4, action("warm", null));
    run("warm", 4, WARM_UP / 4, action("warm-1", oneChain));
    run("warm", 4, WARM_UP / 4, action("warm-16", sixteenChains));

    List<String> report = new ArrayList<>();
    report.add(String.format("%-52s %10s %8s %8s %8s %7s", "", "actions/s", "p50 ms", "p99 ms", "x floor", "failed"));
    for (int writers : new int[] {1, 16}) {
      int each = writers == 1 ? ACTIONS_ALONE : ACTIONS_EACH;
      String of = " (" + writers + " x " + each + ")";
      Run floor = run("floor: the action unaudited" + of, writers, each, action("plain-" + writers, null));
      Run chained1 = run("audited, AuditChains = 1" + of, writers, each, action("one-" + writers, oneChain));
      Run chained16 = run("audited, AuditChains = 16" + of, writers, each, action("sixteen-" + writers, sixteenChains));
      Run after16 = run("  the record after the change, AuditChains = 16" + of, writers, each,
          action("after-" + writers, sixteenChains, true));
      report.add(line(floor, floor));
      report.add(line(chained1, floor));
      report.add(line(chained16, floor));
      report.add(line(after16, floor));
    }

    HttpApi api = STACK.api();
    String operator = api.token("bench-operator", "platform", "operators");
    api.postJson("/ops/audit/verify", operator, null); // the verifier's first run loads its classes
    long start = System.nanoTime();
    HttpApi.Answer verified = api.postJson("/ops/audit/verify", operator, null);
    long took = System.nanoTime() - start;
    JsonNode result = verified.json();
    assertThat(result.path("valid").asBoolean()).as(verified.body()).isTrue();
    long checked = result.path("checked").asLong();
    report.add(String.format("verify: %,d records in %,d ms through POST /ops/audit/verify: %,.0f records/s",
        checked, took / 1_000_000, checked / (took / 1e9)));

    String text = String.join("\n", report);
    System.out.println(text);
    Path out = Path.of("target", "audit-benchmark.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, text + "\n");
  }

  private static AuditLog auditLog(int chains) {
    return new DynamoAuditLog(dynamo, Config.from(Map.of(
        Config.Names.TABLE_NAME, table, Config.Names.AUDIT_CHAINS, Integer.toString(chains))));
  }

  /**
   * The action: a new item and its parent's count in one transaction, as the functions write it
   * ({@link Transactions}); audited, its record joins that transaction ({@code AuditLog.recordWith}),
   * or, with {@code recordAfter}, is written in a transaction of its own after it.
   */
  private static Action action(String series, AuditLog audit, boolean recordAfter) {
    return (writer, n) -> {
      String parent = "BENCH#" + series + "#" + writer;
      Map<String, AttributeValue> item = Map.of(
          Keys.PK, AttributeValue.fromS(parent), Keys.SK, AttributeValue.fromS("ITEM#" + n),
          "type", AttributeValue.fromS("BenchItem"), "createdBy", AttributeValue.fromS("user-" + writer));
      Supplier<Void> change = () -> {
        Transactions.write(dynamo, List.of(
            Tx.put(table, item, "attribute_not_exists(#pk)", Map.of("#pk", Keys.PK), Map.of(),
                () -> new IllegalStateException("item " + n + " exists")),
            Tx.update(table, Map.of(Keys.PK, AttributeValue.fromS(parent), Keys.SK, AttributeValue.fromS("COUNT")),
                "ADD #n :one", Map.of("#n", "items"), Map.of(":one", AttributeValue.fromN("1")))));
        return null;
      };
      AuditEvent event = new AuditEvent("user-" + writer, "bench:create", parent + "/" + n, AuditEvent.Decision.ALLOW,
          "ADMIN", UUID.randomUUID().toString(), Instant.now());
      if (audit == null) {
        change.get();
      } else if (recordAfter) {
        change.get();
        audit.record(event);
      } else {
        audit.recordWith(event, change);
      }
    };
  }

  private static Action action(String series, AuditLog audit) {
    return action(series, audit, false);
  }

  /** {@code writers} threads at once, each {@code each} actions one after the other. */
  private static Run run(String label, int writers, int each, Action action) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    AtomicInteger failed = new AtomicInteger();
    try {
      List<Future<long[]>> futures = new ArrayList<>();
      long start = System.nanoTime();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        futures.add(pool.submit(() -> {
          long[] times = new long[each];
          for (int n = 0; n < each; n++) {
            long began = System.nanoTime();
            try {
              action.run(writer, n);
            } catch (IllegalStateException e) {
              failed.incrementAndGet(); // the chain stayed contended: the action failed, as in a function
            }
            times[n] = System.nanoTime() - began;
          }
          return times;
        }));
      }
      long[] all = new long[writers * each];
      int i = 0;
      for (Future<long[]> f : futures) {
        for (long t : f.get()) {
          all[i++] = t;
        }
      }
      long wall = System.nanoTime() - start;
      Arrays.sort(all);
      Run run = new Run(label, all, wall, failed.get());
      System.out.println(line(run, run));
      return run;
    } finally {
      pool.shutdownNow();
    }
  }


  /** Time per action against the floor's: the floor's actions/s over this run's. */
  private static String line(Run run, Run floor) {
    return String.format("%-52s %10.0f %8.2f %8.2f %8.2f %7d", run.label(), run.perSecond(), Timings.percentileMillis(run.sortedNanos(), 50),
        Timings.percentileMillis(run.sortedNanos(), 99), floor.perSecond() / run.perSecond(), run.failed());
  }
}
