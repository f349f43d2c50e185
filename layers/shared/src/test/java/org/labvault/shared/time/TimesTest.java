package org.labvault.shared.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.labvault.shared.error.ValidationException;

class TimesTest {

  @Test
  void parse_shouldAcceptUtcAndOffsets() {
    assertThat(Times.parse("at", "2026-11-23T08:00:00Z")).isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
    assertThat(Times.parse("at", "2026-11-23T09:00:00+01:00")).isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
    assertThat(Times.parse("at", "2026-11-23T08:00:00.999Z")).isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
  }

  @Test
  void parse_shouldNameTheField_whenTheValueIsNotRfc3339() {
    for (String bad : new String[] {"2026-11-23", "2026-11-23T08:00:00", "tomorrow", "1700000000"}) {
      assertThatThrownBy(() -> Times.parse("endsAt", bad))
          .isInstanceOf(ValidationException.class)
          .hasMessageStartingWith("endsAt:");
    }
    assertThatThrownBy(() -> Times.parse("endsAt", null)).hasMessage("endsAt: is required");
  }

  @Test
  void since_shouldBeTheOneGiven_elseTheStartOfYesterday() {
    Clock clock = Clock.fixed(Instant.parse("2026-11-23T08:00:00.5Z"), ZoneOffset.UTC);
    assertThat(Times.since(Optional.of("2026-11-01T00:00:00Z"), clock)).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    assertThat(Times.since(Optional.empty(), clock)).isEqualTo(Instant.parse("2026-11-22T00:00:00Z"));
    assertThat(Times.since(Optional.of(" "), clock)).isEqualTo(Instant.parse("2026-11-22T00:00:00Z"));
    Clock justBeforeMidnight = Clock.fixed(Instant.parse("2026-11-23T23:59:59Z"), ZoneOffset.UTC);
    assertThat(Times.since(Optional.empty(), justBeforeMidnight)).as("the same all day, so page tokens hold")
        .isEqualTo(Instant.parse("2026-11-22T00:00:00Z"));
    assertThatThrownBy(() -> Times.since(Optional.of("yesterday"), clock)).hasMessageStartingWith("since:");
  }

  @Test
  void format_shouldBeFixedWidthSoStringOrderIsTimeOrder() {
    String a = Times.format(Instant.parse("2026-11-23T08:00:00Z"));
    String b = Times.format(Instant.parse("2026-11-23T08:00:00.500Z"));
    String c = Times.format(Instant.parse("2026-11-23T08:00:01Z"));
    assertThat(a).isEqualTo("2026-11-23T08:00:00Z").isEqualTo(b);
    assertThat(a.compareTo(c)).isNegative();
  }
}
