package org.labvault.shared.canary.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.labvault.shared.canary.domain.CanaryRun;
import org.labvault.shared.canary.domain.CanaryStep;
import org.labvault.shared.config.Config;
import org.labvault.shared.testing.EmbeddedTable;

class DynamoCanaryResultsTest {

  private final EmbeddedTable table = new EmbeddedTable();
  private final DynamoCanaryResults results =
      new DynamoCanaryResults(table.client(), Config.from(Map.of(Config.Names.TABLE_NAME, EmbeddedTable.NAME)));

  @AfterEach
  void close() {
    table.close();
  }

  private static CanaryRun run(String id, String at, boolean ok) {
    return CanaryRun.of(id, Instant.parse(at), List.of(new CanaryStep("token", true, 12), new CanaryStep("upload", ok, 340)));
  }

  @Test
  void latest_shouldBeEmpty_beforeTheFirstRun() {
    assertThat(results.latest()).isEmpty();
  }

  @Test
  void record_shouldKeepTheRunWithItsStepsInOrder() {
    // when
    results.record(run("01A", "2026-11-30T10:00:00Z", false));
    // then
    var latest = results.latest().orElseThrow();
    assertThat(latest.status()).isEqualTo(CanaryRun.Status.FAILED);
    assertThat(latest.at()).isEqualTo(Instant.parse("2026-11-30T10:00:00Z"));
    assertThat(latest.steps()).containsExactly(new CanaryStep("token", true, 12), new CanaryStep("upload", false, 340));
  }

  @Test
  void record_shouldNeverLetAnOlderRunHideANewerOne() {
    // given
    results.record(run("01B", "2026-11-30T10:15:00Z", true));
    // when a late retry of an earlier run arrives
    results.record(run("01A", "2026-11-30T10:00:00Z", false));
    // then
    assertThat(results.latest().orElseThrow().runId()).isEqualTo("01B");
    // and a newer one replaces it
    results.record(run("01C", "2026-11-30T10:30:00Z", false));
    assertThat(results.latest().orElseThrow().runId()).isEqualTo("01C");
    // and the same run twice changes nothing
    results.record(run("01C", "2026-11-30T10:30:00Z", false));
    assertThat(results.latest().orElseThrow().status()).isEqualTo(CanaryRun.Status.FAILED);
  }
}
