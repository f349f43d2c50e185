package org.labvault.shared.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
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
  void format_shouldBeFixedWidthSoStringOrderIsTimeOrder() {
    String a = Times.format(Instant.parse("2026-11-23T08:00:00Z"));
    String b = Times.format(Instant.parse("2026-11-23T08:00:00.500Z"));
    String c = Times.format(Instant.parse("2026-11-23T08:00:01Z"));
    assertThat(a).isEqualTo("2026-11-23T08:00:00Z").isEqualTo(b);
    assertThat(a.compareTo(c)).isNegative();
  }
}
