package org.labvault.backup.snapshot.adapter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import javax.inject.Inject;
import org.labvault.backup.snapshot.port.ScratchTables;
import org.labvault.shared.aws.Backoff;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.config.Config;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * Scratch tables in DynamoDB, named DRILL_TABLE_PREFIX + name: the prefix is what the function's
 * policy allows it to create and delete, so it can never drop the metadata table.
 */
public final class DynamoScratchTables implements ScratchTables {

  static final int BATCH = 25;
  /** Retries of the items DynamoDB left unprocessed before the write fails. */
  static final int MAX_ATTEMPTS = 12;
  /** An on-demand table usually takes seconds to become ACTIVE; a minute or two is not unheard of. */
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final int MAX_POLLS = 180;

  private final DynamoDbClient dynamo;
  private final Config config;

  @Inject
  public DynamoScratchTables(DynamoDbClient dynamo, Config config) {
    this.dynamo = dynamo;
    this.config = config;
  }

  private String tableName(String name) {
    return config.require(Config.Names.DRILL_TABLE_PREFIX) + name;
  }

  @Override
  public void create(String name) {
    String table = tableName(name);
    dynamo.createTable(r -> r.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
        .keySchema(k -> k.attributeName(Keys.PK).keyType(KeyType.HASH), k -> k.attributeName(Keys.SK).keyType(KeyType.RANGE))
        .attributeDefinitions(a -> a.attributeName(Keys.PK).attributeType(ScalarAttributeType.S),
            a -> a.attributeName(Keys.SK).attributeType(ScalarAttributeType.S)));
    try (var waiter = DynamoDbWaiter.builder().client(dynamo)
        .overrideConfiguration(w -> w.maxAttempts(MAX_POLLS).backoffStrategyV2(BackoffStrategy.fixedDelay(POLL))).build()) {
      waiter.waitUntilTableExists(r -> r.tableName(table)).matched().exception().ifPresent(e -> {
        throw new IllegalStateException("scratch table " + table + " did not become ACTIVE", e);
      });
    }
  }

  @Override
  public void write(String name, List<String> items) {
    String table = tableName(name);
    for (int from = 0; from < items.size(); from += BATCH) {
      List<WriteRequest> batch = items.subList(from, Math.min(items.size(), from + BATCH)).stream()
          .map(line -> WriteRequest.builder().putRequest(PutRequest.builder().item(ItemJson.fromLine(line)).build()).build())
          .toList();
      writeBatch(table, batch);
    }
  }

  private void writeBatch(String table, List<WriteRequest> batch) {
    Map<String, List<WriteRequest>> pending = Map.of(table, batch);
    for (int attempt = 0; !pending.isEmpty(); attempt++) {
      if (attempt == MAX_ATTEMPTS) {
        throw new IllegalStateException("scratch table " + table + " took not all of a batch after " + MAX_ATTEMPTS + " attempts");
      }
      Backoff.pause(attempt);
      Map<String, List<WriteRequest>> request = pending;
      pending = dynamo.batchWriteItem(r -> r.requestItems(request)).unprocessedItems();
    }
  }

  @Override
  public void scan(String name, int totalSegments, Consumer<List<String>> page) {
    String table = tableName(name);
    try (ExecutorService pool = Executors.newFixedThreadPool(totalSegments, Thread.ofPlatform().name("scratch-scan-", 0).factory())) {
      List<Future<?>> segments = new ArrayList<>();
      for (int segment = 0; segment < totalSegments; segment++) {
        int s = segment;
        segments.add(pool.submit(() -> DynamoScans.scanSegment(dynamo, table, s, totalSegments, page)));
      }
      for (Future<?> segment : segments) {
        await(segment, pool);
      }
    }
  }

  private static void await(Future<?> segment, ExecutorService pool) {
    try {
      segment.get();
    } catch (ExecutionException e) {
      pool.shutdownNow();
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while scanning a scratch table", e);
    }
  }

  @Override
  public void drop(String name) {
    try {
      dynamo.deleteTable(r -> r.tableName(tableName(name)));
    } catch (ResourceNotFoundException e) {
      // dropped before, or never created: either way it is gone
    }
  }
}
