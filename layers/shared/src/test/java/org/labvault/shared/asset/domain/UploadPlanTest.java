package org.labvault.shared.asset.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UploadPlanTest {

  static final long MIB = UploadPlan.MIB;

  @Test
  void upTo100MiB_isOnePut() {
    assertThat(UploadPlan.forSize(1)).isEqualTo(new UploadPlan(false, 0, 1));
    assertThat(UploadPlan.forSize(100 * MIB)).isEqualTo(new UploadPlan(false, 0, 1));
    assertThat(UploadPlan.forSize(100 * MIB).partSize(100 * MIB, 1)).isEqualTo(100 * MIB);
    assertThat(UploadPlan.forSize(1).partSize(1, 1)).isEqualTo(1);
  }

  @Test
  void justAbove_isMultipartIn5MiBParts() {
    var plan = UploadPlan.forSize(100 * MIB + 1);
    assertThat(plan).isEqualTo(new UploadPlan(true, 5 * MIB, 21));
    assertThat(plan.partSize(100 * MIB + 1, 20)).isEqualTo(5 * MIB);
    assertThat(plan.partSize(100 * MIB + 1, 21)).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(longs = {100 * 1024 * 1024 + 1, 1L << 30, 5L << 30, 1L << 40, 5L << 40})
  void everyPlan_coversTheFileWithinS3sLimits(long size) {
    var plan = UploadPlan.forSize(size);
    assertThat(plan.partCount()).isLessThanOrEqualTo(1024).isLessThanOrEqualTo(UploadPlan.MAX_PARTS);
    assertThat(plan.partSizeBytes()).isBetween(UploadPlan.MIN_PART, UploadPlan.MAX_PART);
    assertThat(plan.partSizeBytes() % MIB).isZero();
    long last = plan.partSize(size, plan.partCount());
    assertThat(last).isBetween(1L, plan.partSizeBytes());
    assertThat(plan.partSizeBytes() * (plan.partCount() - 1) + last).isEqualTo(size);
  }

  @Test
  void outOfRange_isRefused() {
    assertThatThrownBy(() -> UploadPlan.forSize(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> UploadPlan.forSize(UploadPlan.MAX_SIZE + 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void objectKeys_areServerChosenAndCannotGrowSegments() {
    assertThat(ObjectKeys.of("acme", "g", "a")).isEqualTo("assets/acme/g/a");
    assertThat(ObjectKeys.of("../evil/x", "g", "a")).isEqualTo("assets/..%2Fevil%2Fx/g/a");
    assertThat(ObjectKeys.assetIdOf(ObjectKeys.of("a b/c", "g", "a"))).isEqualTo("a");
    assertThat(ObjectKeys.assetIdOf("assets/acme/g")).isNull();
    assertThat(ObjectKeys.assetIdOf("backups/acme/g/a")).isNull();
  }
}
