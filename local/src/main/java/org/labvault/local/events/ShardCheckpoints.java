package org.labvault.local.events;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.labvault.shared.json.Json;

/**
 * How far a stream mapping has processed each shard: the last sequence number done, per shard id.
 * Kept in one small JSON file per mapping (replaced atomically, so a crash leaves the old or the
 * new checkpoint, never half of one), or in memory when the stack keeps no state.
 */
final class ShardCheckpoints {

  private final Path file;
  private final Map<String, String> shards = new LinkedHashMap<>();

  private ShardCheckpoints(Path file) {
    this.file = file;
  }

  /** The checkpoints kept in {@code file}; null keeps them in memory only. */
  static ShardCheckpoints open(Path file) {
    ShardCheckpoints checkpoints = new ShardCheckpoints(file);
    if (file != null && Files.exists(file)) {
      try {
        checkpoints.shards.putAll(Json.instance().mapper().readValue(file.toFile(), new TypeReference<Map<String, String>>() {}));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the stream checkpoints " + file + ": " + e.getMessage(), e);
      }
    }
    return checkpoints;
  }

  /** The last sequence number processed of {@code shardId}, or null. */
  synchronized String of(String shardId) {
    return shards.get(shardId);
  }

  synchronized boolean isEmpty() {
    return shards.isEmpty();
  }

  /** Records that {@code shardId} is processed through {@code sequenceNumber}. */
  synchronized void save(String shardId, String sequenceNumber) {
    shards.put(shardId, sequenceNumber);
    if (file == null) {
      return;
    }
    try {
      Path next = file.resolveSibling(file.getFileName() + ".next");
      Files.writeString(next, Json.instance().write(shards), StandardCharsets.UTF_8);
      Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the stream checkpoints " + file + ": " + e.getMessage(), e);
    }
  }
}
