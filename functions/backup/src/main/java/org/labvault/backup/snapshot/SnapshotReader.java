package org.labvault.backup.snapshot;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.labvault.backup.snapshot.port.SnapshotStore;

/**
 * Reads a snapshot's parts back for the drill, checking each part's SHA-256 and the whole content's
 * against the manifest as the bytes go by. What cannot be read or does not match becomes a problem
 * naming the part; the rest is still read, so the drill shows how much of the snapshot is usable.
 */
final class SnapshotReader {

  private final SnapshotStore store;

  SnapshotReader(SnapshotStore store) {
    this.store = store;
  }

  /** The items read, by key, and every problem found. */
  record Content(Map<ItemKey, String> items, List<String> problems) {}

  Content read(SnapshotManifest manifest) {
    Map<ItemKey, String> items = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    MessageDigest content = Sha256.newDigest();
    if (manifest.parts().size() != manifest.segments()) {
      problems.add("snapshot " + manifest.snapshotId() + ": the manifest lists " + manifest.parts().size()
          + " parts for " + manifest.segments() + " segments");
    }
    List<SnapshotManifest.Part> parts = manifest.parts().stream().sorted(Comparator.comparingInt(SnapshotManifest.Part::segment)).toList();
    for (var part : parts) {
      readPart(manifest.snapshotId(), part, content, items, problems);
    }
    if (!Sha256.hex(content).equals(manifest.sha256())) {
      problems.add("snapshot " + manifest.snapshotId() + ": SHA-256 of the content differs from the manifest");
    }
    return new Content(items, problems);
  }

  private void readPart(String snapshotId, SnapshotManifest.Part part, MessageDigest content, Map<ItemKey, String> items,
      List<String> problems) {
    String name = "part " + part.segment() + " of snapshot " + snapshotId;
    MessageDigest partSha = Sha256.newDigest();
    int lineNumber = 0;
    try (InputStream in = store.openPart(snapshotId, part.segment());
        var lines = new BufferedReader(new InputStreamReader(
            new DigestInputStream(new DigestInputStream(new GZIPInputStream(in), content), partSha), UTF_8))) {
      for (String line; (line = lines.readLine()) != null; ) {
        lineNumber++;
        try {
          items.put(ItemKey.of(line), line);
        } catch (IllegalArgumentException e) {
          problems.add(name + ": line " + lineNumber + " is not an item (" + e.getMessage() + ")");
        }
      }
    } catch (IOException | RuntimeException e) {
      problems.add(name + ": unreadable after " + lineNumber + " lines (" + e + ")");
      return;
    }
    if (!Sha256.hex(partSha).equals(part.sha256())) {
      problems.add(name + ": SHA-256 differs from the manifest");
    }
  }
}
