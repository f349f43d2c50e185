package org.labvault.local.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardCheckpointsTest {

  @TempDir Path dir;

  @Test
  void save_shouldSurviveAReopen_andLeaveNoTemporaryFile() {
    // given
    Path file = dir.resolve("Fanout.Changes.json");
    var first = ShardCheckpoints.open(file);
    assertThat(first.isEmpty()).isTrue();

    // when
    first.save("shardId-1", "100");
    first.save("shardId-1", "200");
    first.save("shardId-2", "7");

    // then
    var reopened = ShardCheckpoints.open(file);
    assertThat(reopened.of("shardId-1")).isEqualTo("200");
    assertThat(reopened.of("shardId-2")).isEqualTo("7");
    assertThat(reopened.of("shardId-3")).isNull();
    assertThat(Files.exists(dir.resolve("Fanout.Changes.json.next"))).isFalse();
  }

  @Test
  void inMemoryCheckpoints_shouldWriteNothing() throws Exception {
    var checkpoints = ShardCheckpoints.open(null);
    checkpoints.save("shardId-1", "1");
    assertThat(checkpoints.of("shardId-1")).isEqualTo("1");
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }
}
