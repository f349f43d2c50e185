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

  /** Requests in flight at once. */
  static final int IN_FLIGHT = 32;

  @Inject
  ParallelChecks() {}

  /** Applies {@code each} to every item; the first failure is thrown once all have run. */
  <T> void forEach(List<T> items, Consumer<T> each) {
    if (items.isEmpty()) {
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(IN_FLIGHT, items.size()));
    try {
      List<Future<?>> running = new ArrayList<>(items.size());
      for (T item : items) {
        running.add(pool.submit(() -> each.accept(item)));
      }
      RuntimeException first = null;
      for (Future<?> f : running) {
        try {
          f.get();
        } catch (ExecutionException e) {
          if (first == null) {
            first = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
          }
        }
      }
      if (first != null) {
        throw first;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      pool.shutdownNow();
    }
  }
}
