package org.labvault.shared.asset.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AssetRulesTest {

  private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");

  @Test
  void downloadLifetime_shouldShrinkWithTheClassification() {
    assertThat(Classification.PUBLIC.downloadLifetime()).isEqualTo(Duration.ofMinutes(15));
    assertThat(Classification.INTERNAL.downloadLifetime()).isEqualTo(Duration.ofMinutes(15));
    assertThat(Classification.CONFIDENTIAL.downloadLifetime()).isEqualTo(Duration.ofMinutes(5));
    assertThat(Classification.SECRET.downloadLifetime()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void parse_shouldTakeOnlyTheExactNames() {
    assertThat(Classification.parse("SECRET")).contains(Classification.SECRET);
    assertThat(Classification.parse("PUBLIC")).contains(Classification.PUBLIC);
    assertThat(Classification.parse("secret")).isEmpty();
    assertThat(Classification.parse(null)).isEmpty();
    assertThat(AssetStatus.parse("AVAILABLE")).contains(AssetStatus.AVAILABLE);
    assertThat(AssetStatus.parse("DELETED")).contains(AssetStatus.DELETED);
    assertThat(AssetStatus.parse("available")).isEmpty();
    assertThat(AssetStatus.parse(null)).isEmpty();
  }

  @Test
  void aRestore_isUnderWayForOneHour_fromItsStart() {
    assertThat(RestoreWindow.underWay(null, NOW)).isFalse();
    assertThat(RestoreWindow.underWay(NOW, NOW)).isTrue();
    assertThat(RestoreWindow.underWay(NOW, NOW.plus(RestoreWindow.LENGTH).minusMillis(1))).isTrue();
    assertThat(RestoreWindow.underWay(NOW, NOW.plus(RestoreWindow.LENGTH))).isFalse();
  }

  @Test
  void anAsset_isAMultipartUpload_exactlyWhenItHasAnUploadId() {
    assertThat(asset("upload-1").multipart()).isTrue();
    assertThat(asset(null).multipart()).isFalse();
  }

  private static Asset asset(String uploadId) {
    return new Asset("a-1", "g-1", "acme", "data.csv", "text/csv", 10, "0".repeat(64), Classification.DEFAULT,
        AssetStatus.PENDING_UPLOAD, NOW, "alice", ObjectKeys.of("acme", "g-1", "a-1"), uploadId, NOW.plusSeconds(60),
        null);
  }
}
