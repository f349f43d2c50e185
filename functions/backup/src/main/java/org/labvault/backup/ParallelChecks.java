package org.labvault.backup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import javax.inject.Inject;

/**
 * Runs one S3 round trip per item, many at a time: checking or copying thousands of objects one
 * after the other would spend the daily window waiting on the network.
 */
final class ParallelChecks {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ParallelChecks.class);

  /** Requests in flight at once. */
  static final int IN_FLIGHT = 32;

  @Inject
  ParallelChecks() {}

  /**
   * Applies {@code each} to every item; one that fails holds up no other.
   *
   * @return the items whose action failed (each failure logged), in no particular order
   */
  <T> List<T> forEach(List<T> items, Consumer<T> each) {
    if (items.isEmpty()) {
      return List.of();
    }
    List<T> failed = java.util.Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(IN_FLIGHT, items.size()));
    try {
      List<Future<?>> running = new ArrayList<>(items.size());
      for (T item : items) {
        running.add(pool.submit(() -> {
          try {
            each.accept(item);
          } catch (RuntimeException e) {
            LOG.warn("{} failed: {}", item, e.toString());
            failed.add(item);
          }
        }));
      }
      for (Future<?> f : running) {
        f.get();
      }
      return List.copyOf(failed);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      pool.shutdownNow();
    }
  }
}
