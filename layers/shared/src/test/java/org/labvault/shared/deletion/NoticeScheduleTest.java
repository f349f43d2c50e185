package org.labvault.shared.deletion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.labvault.shared.config.Config;

class NoticeScheduleTest {

  static final Instant AT = Instant.parse("2026-11-23T09:00:00Z");

  @Test
  void nextDueAt_shouldDoubleTheWaitWithEachAttempt() {
    var schedule = new NoticeSchedule(3600, 5);
    assertThat(schedule.nextDueAt(AT, 1)).isEqualTo(AT.plusSeconds(3600));
    assertThat(schedule.nextDueAt(AT, 2)).isEqualTo(AT.plusSeconds(7200));
    assertThat(schedule.nextDueAt(AT, 5)).isEqualTo(AT.plusSeconds(3600 * 16));
    assertThat(schedule.isLast(4)).isFalse();
    assertThat(schedule.isLast(5)).isTrue();
  }

  @Test
  void nextDueAt_shouldStayRepresentable_forHugeSettings() {
    var schedule = new NoticeSchedule(Long.MAX_VALUE / 2, Integer.MAX_VALUE);
    assertThat(schedule.nextDueAt(AT, 1_000)).isEqualTo(AT.plus(RenotifyDelay.LONGEST_WAIT));
    assertThat(new NoticeSchedule(1, 100).nextDueAt(AT, 100)).isEqualTo(AT.plus(RenotifyDelay.LONGEST_WAIT));
  }

  @Test
  void from_shouldAcceptOnlyPositiveIntegers() {
    assertThat(NoticeSchedule.from(Config.from(Map.of(Config.Names.RENOTIFY_AFTER_SECONDS, "60",
        Config.Names.RENOTIFY_MAX_ATTEMPTS, "3")))).isEqualTo(new NoticeSchedule(60, 3));
    for (String bad : new String[] {"0", "-1", "1.5", "an hour"}) {
      assertThatThrownBy(() -> NoticeSchedule.from(Config.from(Map.of(Config.Names.RENOTIFY_AFTER_SECONDS, bad,
          Config.Names.RENOTIFY_MAX_ATTEMPTS, "3")))).isInstanceOf(Config.ConfigException.class)
          .hasMessageContaining(Config.Names.RENOTIFY_AFTER_SECONDS);
    }
    assertThatThrownBy(() -> NoticeSchedule.from(Config.from(Map.of(Config.Names.RENOTIFY_AFTER_SECONDS, "60"))))
        .isInstanceOf(Config.ConfigException.class).hasMessageContaining(Config.Names.RENOTIFY_MAX_ATTEMPTS);
  }
}
