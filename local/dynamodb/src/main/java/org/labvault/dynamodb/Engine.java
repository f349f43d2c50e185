package org.labvault.dynamodb;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.labvault.dynamodb.ops.BatchOperations;
import org.labvault.dynamodb.ops.EngineState;
import org.labvault.dynamodb.ops.ItemOperations;
import org.labvault.dynamodb.ops.Operation;
import org.labvault.dynamodb.ops.QueryScanOperations;
import org.labvault.dynamodb.ops.StreamOperations;
import org.labvault.dynamodb.ops.TableOperations;
import org.labvault.dynamodb.ops.TransactOperations;
import org.labvault.dynamodb.store.Store;

/** The engine's state (the store) and its operations, plus the background TTL and stream-retention sweeper. */
final class Engine implements AutoCloseable {

  private final EngineOptions options;
  private final Store store;
  private final EngineState state;
  private final ScheduledExecutorService sweeper;

  private Engine(EngineOptions options) {
    this.options = options;
    this.store = Store.open(options.dir());
    this.state = new EngineState(store, options.clock(), EngineOptions.REGION, EngineOptions.ACCOUNT_ID);
    this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "dynamodb-ttl");
      t.setDaemon(true);
      return t;
    });
    long every = options.ttlSweep().toMillis();
    sweeper.scheduleWithFixedDelay(() -> TimeToLive.sweep(state), every, every, TimeUnit.MILLISECONDS);
  }

  static Engine open(EngineOptions options) {
    return new Engine(options);
  }

  void register(Map<String, Operation> operations) {
    TableOperations.register(operations, store, options.clock(), EngineOptions.REGION, EngineOptions.ACCOUNT_ID);
    ItemOperations.register(operations, state);
    QueryScanOperations.register(operations, state);
    BatchOperations.register(operations, state);
    TransactOperations.register(operations, state);
    StreamOperations.register(operations, state);
    org.labvault.dynamodb.partiql.PartiqlOperations.register(operations, state);
    for (String name : WRITES) {
      Operation operation = operations.get(DynamoDb.DYNAMODB_PREFIX + name);
      operations.put(DynamoDb.DYNAMODB_PREFIX + name, request -> store.write(() -> operation.apply(request)));
    }
  }

  /**
   * The operations that change tables or items run whole under the store's write lock: the table
   * definition they read is then the one they write under, so an index created, a table deleted
   * and re-created, or two CreateTables of one name cannot slip in between. Writes are serialized
   * anyway; this only moves the request's own checks under the same lock.
   */
  private static final java.util.List<String> WRITES = java.util.List.of(
      "CreateTable", "DeleteTable", "UpdateTable", "UpdateTimeToLive", "TagResource", "UntagResource",
      "PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems",
      "ExecuteStatement", "BatchExecuteStatement", "ExecuteTransaction");

  @Override
  public void close() {
    sweeper.shutdownNow();
    try {
      sweeper.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    store.close();
  }
}
