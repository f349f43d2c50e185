package org.labvault.backup.snapshot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.inject.Inject;
import org.labvault.backup.snapshot.port.ScratchTables;
import org.labvault.backup.snapshot.port.SnapshotStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily proof that a snapshot can be restored: reads it back (checking it against its
 * manifest), restores it into a scratch table, reads that table back and compares it item by item.
 * The scratch table is always dropped. Nothing escapes as an exception: every failure is a problem
 * of the result, so the report says what broke.
 */
public final class RestoreDrill {

  private static final Logger LOG = LoggerFactory.getLogger(RestoreDrill.class);
  static final int WRITERS = 8;
  /** Items one writer takes at a time (the scratch tables batch them as DynamoDB allows). */
  static final int CHUNK = 500;

  private final SnapshotStore store;
  private final ScratchTables scratch;

  @Inject
  public RestoreDrill(SnapshotStore store, ScratchTables scratch) {
    this.store = store;
    this.scratch = scratch;
  }

  public DrillResult run(SnapshotManifest newest) {
    Objects.requireNonNull(newest, "the snapshot to drill");
    List<String> problems = new ArrayList<>();
    var snapshot = read(newest, problems);
    // a fresh name: a drill that died before dropping its table, or one running at the same time, is never in the way
    String table = newest.snapshotId().toLowerCase(java.util.Locale.ROOT) + "-" + SnapshotIds.randomHex();
    Duration restoreTime = Duration.ZERO;
    Map<ItemKey, String> restored = Map.of();
    try {
      long started = System.nanoTime();
      scratch.create(table);
      writeAll(table, List.copyOf(snapshot.values()));
      restoreTime = Duration.ofNanos(System.nanoTime() - started);
      restored = readBack(table, Math.max(1, newest.segments()));
    } catch (RuntimeException e) {
      LOG.warn("restore drill of snapshot {} failed in scratch table {}", newest.snapshotId(), table, e);
      problems.add("restore of snapshot " + newest.snapshotId() + " into scratch table " + table + " failed: " + e);
    } finally {
      drop(table, problems);
    }
    long mismatches = mismatches(snapshot, restored);
    compareWithManifest(newest, snapshot, restored, problems);
    var result = new DrillResult(newest.snapshotId(), newest.takenAtInstant(), newest.items(), restored.size(), mismatches,
        restoreTime, problems);
    LOG.info("restore drill of snapshot {}: {} of {} items restored in {} ms, {} mismatches, {} problems", newest.snapshotId(),
        result.restoredItems(), result.items(), restoreTime.toMillis(), mismatches, problems.size());
    return result;
  }

  private Map<ItemKey, String> read(SnapshotManifest manifest, List<String> problems) {
    try {
      var content = new SnapshotReader(store).read(manifest);
      problems.addAll(content.problems());
      return content.items();
    } catch (RuntimeException e) {
      problems.add("snapshot " + manifest.snapshotId() + " could not be read: " + e);
      return Map.of();
    }
  }

  private void writeAll(String table, List<String> lines) {
    List<Callable<Void>> chunks = new ArrayList<>();
    for (int from = 0; from < lines.size(); from += CHUNK) {
      List<String> chunk = lines.subList(from, Math.min(lines.size(), from + CHUNK));
      chunks.add(() -> {
        scratch.write(table, chunk);
        return null;
      });
    }
    inParallel(WRITERS, chunks);
  }

  private Map<ItemKey, String> readBack(String table, int segments) {
    Map<ItemKey, String> restored = new ConcurrentHashMap<>();
    scratch.scan(table, segments, page -> page.forEach(line -> restored.put(ItemKey.of(line), line)));
    return restored;
  }

  /** Items missing or different in the restored table, and items there the snapshot does not hold. */
  static long mismatches(Map<ItemKey, String> snapshot, Map<ItemKey, String> restored) {
    long mismatches = 0;
    Set<ItemKey> seen = new HashSet<>();
    for (var entry : restored.entrySet()) {
      seen.add(entry.getKey());
      if (!entry.getValue().equals(snapshot.get(entry.getKey()))) {
        mismatches++;
      }
    }
    for (ItemKey key : snapshot.keySet()) {
      if (!seen.contains(key)) {
        mismatches++;
      }
    }
    return mismatches;
  }

  private static void compareWithManifest(SnapshotManifest manifest, Map<ItemKey, String> snapshot,
      Map<ItemKey, String> restored, List<String> problems) {
    if (snapshot.size() != manifest.items()) {
      problems.add("snapshot " + manifest.snapshotId() + ": " + snapshot.size() + " items read, the manifest says " + manifest.items());
    }
    var digest = new ItemsDigest();
    restored.values().forEach(digest::add);
    if (!digest.hex().equals(manifest.itemsDigest())) {
      problems.add("snapshot " + manifest.snapshotId() + ": the items read back from the scratch table do not match the manifest's items digest");
    }
  }

  private void drop(String table, List<String> problems) {
    try {
      scratch.drop(table);
    } catch (RuntimeException e) {
      LOG.error("scratch table {} not dropped", table, e);
      problems.add("scratch table " + table + " could not be dropped: " + e);
    }
  }

  /** Runs every task on {@code threads} threads; the first failure is thrown once all have ended. */
  private static void inParallel(int threads, List<Callable<Void>> tasks) {
    try (ExecutorService pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("restore-writer-", 0).factory())) {
      List<Future<Void>> futures = tasks.stream().map(pool::submit).toList();
      for (Future<Void> future : futures) {
        try {
          future.get();
        } catch (ExecutionException e) {
          pool.shutdownNow();
          throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
          pool.shutdownNow();
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while restoring", e);
        }
      }
    }
  }
}
