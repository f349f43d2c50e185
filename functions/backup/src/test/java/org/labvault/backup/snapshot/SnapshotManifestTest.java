package org.labvault.backup.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.labvault.shared.json.Json;

class SnapshotManifestTest {

  static final SnapshotManifest MANIFEST = new SnapshotManifest("20261130T020000Z-3fa85f64", "labvault-prod",
      "2026-11-30T02:00:00Z", "2026-11-30T02:00:41Z", 3, "ab".repeat(32), "cd".repeat(32), 2,
      List.of(new SnapshotManifest.Part(0, 2, "01".repeat(32)), new SnapshotManifest.Part(1, 1, "02".repeat(32))));

  @Test
  void write_shouldGiveTheContractsFieldsOnly_whenTheManifestIsStored() {
    // when
    String json = Json.instance().write(MANIFEST);

    // then
    assertThat(json).isEqualTo("{\"snapshotId\":\"20261130T020000Z-3fa85f64\",\"table\":\"labvault-prod\","
        + "\"takenAt\":\"2026-11-30T02:00:00Z\",\"finishedAt\":\"2026-11-30T02:00:41Z\",\"items\":3,"
        + "\"sha256\":\"" + "ab".repeat(32) + "\",\"itemsDigest\":\"" + "cd".repeat(32) + "\",\"segments\":2,"
        + "\"parts\":[{\"segment\":0,\"items\":2,\"sha256\":\"" + "01".repeat(32) + "\"},"
        + "{\"segment\":1,\"items\":1,\"sha256\":\"" + "02".repeat(32) + "\"}]}");
  }

  @Test
  void read_shouldGiveTheSameManifest_whenReadBackFromItsJson() throws Exception {
    // when
    var back = Json.instance().mapper().readValue(Json.instance().write(MANIFEST), SnapshotManifest.class);

    // then
    assertThat(back).isEqualTo(MANIFEST);
    assertThat(back.takenAtInstant()).isEqualTo(Instant.parse("2026-11-30T02:00:00Z"));
  }
}
