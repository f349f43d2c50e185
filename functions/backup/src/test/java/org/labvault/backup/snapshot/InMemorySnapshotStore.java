package org.labvault.backup.snapshot;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import org.labvault.backup.snapshot.port.SnapshotStore;

/** The backup bucket's snapshots in memory, with ways to damage them behind the drill's back. */
public final class InMemorySnapshotStore implements SnapshotStore {

  private final Map<String, byte[]> parts = new ConcurrentHashMap<>();
  private final Map<String, SnapshotManifest> manifests = new ConcurrentHashMap<>();
  /** Every write in the order made: "part <id>/<segment>", "manifest <id>". */
  final List<String> writes = Collections.synchronizedList(new ArrayList<>());

  private static String key(String snapshotId, int segment) {
    return snapshotId + "/" + segment;
  }

  @Override
  public void putPart(String snapshotId, int segment, byte[] gzipped) {
    parts.put(key(snapshotId, segment), gzipped.clone());
    writes.add("part " + key(snapshotId, segment));
  }

  @Override
  public void putManifest(SnapshotManifest manifest) {
    manifests.put(manifest.snapshotId(), manifest);
    writes.add("manifest " + manifest.snapshotId());
  }

  @Override
  public List<SnapshotManifest> manifests() {
    return manifests.values().stream()
        .sorted(SnapshotManifest.NEWEST_FIRST)
        .toList();
  }

  @Override
  public InputStream openPart(String snapshotId, int segment) {
    byte[] part = parts.get(key(snapshotId, segment));
    if (part == null) {
      throw new NoSuchElementException("no part " + key(snapshotId, segment));
    }
    return new ByteArrayInputStream(part);
  }

  @Override
  public int delete(String snapshotId) {
    int removed = manifests.remove(snapshotId) == null ? 0 : 1;
    for (String key : List.copyOf(parts.keySet())) {
      if (key.startsWith(snapshotId + "/") && parts.remove(key) != null) {
        removed++;
      }
    }
    return removed;
  }

  byte[] part(String snapshotId, int segment) {
    return parts.get(key(snapshotId, segment)).clone();
  }

  /** Puts other bytes in place of a part (tampering, or a damaged object). */
  void replacePart(String snapshotId, int segment, byte[] gzipped) {
    parts.put(key(snapshotId, segment), gzipped.clone());
  }

  void removePart(String snapshotId, int segment) {
    parts.remove(key(snapshotId, segment));
  }

  /** How many parts of the snapshot are held, with or without a manifest. */
  long partsOf(String snapshotId) {
    return parts.keySet().stream().filter(k -> k.startsWith(snapshotId + "/")).count();
  }

  long allParts() {
    return parts.size();
  }
}
