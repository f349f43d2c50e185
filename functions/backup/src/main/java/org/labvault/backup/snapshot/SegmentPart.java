package org.labvault.backup.snapshot;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.zip.GZIPOutputStream;

/**
 * One segment's part as it is written: each line goes into a gzip stream in memory and into the
 * part's SHA-256 (of the uncompressed bytes) and its items digest at once, so the lines are never
 * held twice.
 */
final class SegmentPart {

  private static final byte[] NEWLINE = {'\n'};

  private final int segment;
  private final ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
  private final GZIPOutputStream gzip;
  private final MessageDigest sha256 = Sha256.newDigest();
  private final ItemsDigest items = new ItemsDigest();

  SegmentPart(int segment) {
    this.segment = segment;
    try {
      this.gzip = new GZIPOutputStream(gzipped, 64 * 1024);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void add(String line) {
    byte[] bytes = line.getBytes(UTF_8);
    try {
      gzip.write(bytes);
      gzip.write(NEWLINE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    sha256.update(bytes);
    sha256.update(NEWLINE);
    items.add(line);
  }

  /** Ends the gzip stream; the part can take no more lines. */
  Finished finish() {
    try {
      gzip.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Finished(new SnapshotManifest.Part(segment, items.count(), Sha256.hex(sha256)), gzipped.toByteArray(), items);
  }

  /** A written part: what the manifest says of it, its bytes, the digests of its items. */
  record Finished(SnapshotManifest.Part part, byte[] gzipped, ItemsDigest items) {}
}
