package org.labvault.backup.snapshot.port;

import java.io.InputStream;
import java.util.List;
import org.labvault.backup.snapshot.SnapshotManifest;

/**
 * The daily metadata snapshots in the backup bucket, each under {@code snapshots/<snapshotId>/}:
 * one gzipped part per scan segment, then the manifest. The manifest is written last: a snapshot
 * without one is incomplete, never listed and never restored.
 */
public interface SnapshotStore {

  /** Stores one segment's part: the gzip of its JSON lines. */
  void putPart(String snapshotId, int segment, byte[] gzipped);

  /** Stores the manifest, which makes the snapshot complete. */
  void putManifest(SnapshotManifest manifest);

  /** Every complete snapshot, newest first. */
  List<SnapshotManifest> manifests();

  /** The gzipped bytes of one part. @throws RuntimeException when the part is not there or cannot be read */
  InputStream openPart(String snapshotId, int segment);

  /** Removes everything under the snapshot's prefix, every version of it. @return the objects removed */
  int delete(String snapshotId);
}
