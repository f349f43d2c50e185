package org.labvault.backup.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;
import javax.inject.Inject;
import org.labvault.backup.snapshot.SegmentPart.Finished;
import org.labvault.backup.snapshot.port.SnapshotStore;
import org.labvault.backup.snapshot.port.TableSource;
import org.labvault.shared.config.Config;
import org.labvault.shared.time.Times;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the daily snapshot of the metadata table: every scan segment in a thread of its own writes
 * its part, then the manifest is written, last, so only a whole snapshot is ever complete.
 */
public final class SnapshotWriter {

  private static final Logger LOG = LoggerFactory.getLogger(SnapshotWriter.class);

  private final TableSource table;
  private final SnapshotStore store;
  private final Clock clock;
  private final String tableName;
  private final int segments;

  @Inject
  public SnapshotWriter(TableSource table, SnapshotStore store, Config config, Clock clock) {
    this.table = table;
    this.store = store;
    this.clock = clock;
    this.tableName = config.require(Config.Names.TABLE_NAME);
    this.segments = ScanSegments.of(config);
  }

  /**
   * Snapshots the table. @throws RuntimeException when a segment fails: no manifest is written and
   * the parts already stored are removed again
   */
  public SnapshotManifest take() {
    Instant takenAt = clock.instant();
    String snapshotId = SnapshotIds.next(takenAt);
    long started = System.nanoTime();
    List<Finished> parts;
    try {
      parts = writeParts(snapshotId);
    } catch (RuntimeException e) {
      discard(snapshotId);
      throw e;
    }
    var manifest = manifest(snapshotId, takenAt, parts);
    store.putManifest(manifest);
    long ms = Math.max(1, (System.nanoTime() - started) / 1_000_000);
    LOG.info("snapshot {} of {} taken: {} items in {} segments, {} ms, {} items/s", snapshotId, tableName,
        manifest.items(), segments, ms, manifest.items() * 1000 / ms);
    return manifest;
  }

  private List<Finished> writeParts(String snapshotId) {
    try (ExecutorService pool = Executors.newFixedThreadPool(segments, Thread.ofPlatform().name("snapshot-segment-", 0).factory())) {
      List<Future<Finished>> futures = new ArrayList<>();
      for (int segment = 0; segment < segments; segment++) {
        int s = segment;
        futures.add(pool.submit(() -> writePart(snapshotId, s)));
      }
      List<Finished> parts = new ArrayList<>();
      for (int segment = 0; segment < segments; segment++) {
        try {
          parts.add(futures.get(segment).get());
        } catch (ExecutionException e) {
          pool.shutdownNow(); // the snapshot has failed: the other segments need not finish
          throw new IllegalStateException("segment " + segment + " of snapshot " + snapshotId + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
          pool.shutdownNow();
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while taking snapshot " + snapshotId, e);
        }
      }
      return parts;
    }
  }

  private Finished writePart(String snapshotId, int segment) {
    var part = new SegmentPart(segment);
    table.scanSegment(segment, segments, page -> page.forEach(part::add));
    Finished finished = part.finish();
    store.putPart(snapshotId, segment, finished.gzipped());
    return finished;
  }

  private SnapshotManifest manifest(String snapshotId, Instant takenAt, List<Finished> parts) {
    var items = new ItemsDigest();
    parts.forEach(p -> items.addAll(p.items()));
    return new SnapshotManifest(snapshotId, tableName, Times.format(takenAt), Times.format(clock.instant()), items.count(),
        contentSha256(parts), items.hex(), segments, parts.stream().map(Finished::part).toList());
  }

  /** The parts were hashed each in its own thread; the content's hash needs them in order, so read them again. */
  private static String contentSha256(List<Finished> parts) {
    MessageDigest content = Sha256.newDigest();
    byte[] buffer = new byte[64 * 1024];
    for (Finished part : parts) {
      try (InputStream in = new DigestInputStream(new GZIPInputStream(new java.io.ByteArrayInputStream(part.gzipped())), content)) {
        while (in.read(buffer) >= 0) {
          // the digest sees every byte read
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return Sha256.hex(content);
  }

  /** A failed snapshot leaves no parts behind; failing to remove them must not hide why it failed. */
  private void discard(String snapshotId) {
    try {
      store.delete(snapshotId);
    } catch (RuntimeException e) {
      LOG.warn("parts of failed snapshot {} not removed", snapshotId, e);
    }
  }
}
