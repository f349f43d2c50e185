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
  }

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
