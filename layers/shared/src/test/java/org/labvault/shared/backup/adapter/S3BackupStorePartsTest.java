package org.labvault.shared.backup.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.labvault.shared.backup.adapter.MultipartCopy.MIB;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.labvault.shared.backup.adapter.MultipartCopy.Range;
import org.labvault.shared.config.Config;

class S3BackupStorePartsTest {

  private static final Config CONFIG = Config.from(Map.of(Config.Names.DATA_BUCKET, "data", Config.Names.BACKUP_BUCKET, "backup"));

  @Test
  void ranges_shouldCoverEveryByteOnce_withTheRestInTheLastPart() {
    // when
    List<Range> ranges = MultipartCopy.ranges(12 * MIB + 3, 5 * MIB);
    // then
    assertThat(ranges).containsExactly(
        new Range(1, 0, 5 * MIB - 1),
        new Range(2, 5 * MIB, 10 * MIB - 1),
        new Range(3, 10 * MIB, 12 * MIB + 2));
    assertThat(ranges.get(2).header()).isEqualTo("bytes=10485760-12582914");
  }

  @Test
  void ranges_shouldUseThePartSize_whenTenThousandPartsHoldTheObject() {
    // when
    List<Range> ranges = MultipartCopy.ranges(6L * 1024 * MIB, S3BackupStore.PART_SIZE);
    // then
    assertThat(ranges).hasSize(12);
    assertThat(ranges).allSatisfy(r -> assertThat(r.last() - r.first() + 1).isEqualTo(512 * MIB));
  }

  @Test
  void ranges_shouldUseLargerWholeMibParts_whenTheObjectWouldNeedMoreThanTenThousand() {
    // given: 5 TiB, the largest asset; 512 MiB parts would be 10,240
    long size = 5L * 1024 * 1024 * MIB;
    // when
    List<Range> ranges = MultipartCopy.ranges(size, S3BackupStore.PART_SIZE);
    // then
    Range first = ranges.getFirst();
    assertThat(first.last() + 1).isEqualTo(525 * MIB);
    assertThat(ranges).hasSizeLessThanOrEqualTo(MultipartCopy.MAX_PARTS);
    assertThat(ranges.getLast().last()).isEqualTo(size - 1);
    assertThat(ranges.getLast().partNumber()).isEqualTo(ranges.size());
  }

  @Test
  void constructor_shouldRefusePartsS3CannotTakeAndThresholdsOneCopyCannotCopy() {
    assertThatThrownBy(() -> new S3BackupStore(null, CONFIG, 10 * MIB, 5 * MIB - 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new S3BackupStore(null, CONFIG, 10 * MIB, 5L * 1024 * MIB + 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new S3BackupStore(null, CONFIG, S3BackupStore.SINGLE_COPY_LIMIT + 1, 5 * MIB))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new S3BackupStore(null, CONFIG, 0, 5 * MIB)).isInstanceOf(IllegalArgumentException.class);
  }
}
