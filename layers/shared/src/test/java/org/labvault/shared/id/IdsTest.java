package org.labvault.shared.id;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {

  @Test
  void newId_shouldBeAVersion7UuidCarryingTheTime() {
    Instant at = Instant.parse("2026-11-23T08:00:00Z");
    UUID id = UUID.fromString(Ids.newId(Clock.fixed(at, ZoneOffset.UTC)));
    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
    assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(at.toEpochMilli());
  }

  @Test
  void newId_shouldSortByCreationTimeAndNeverRepeat() {
    String early = Ids.newId(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    String late = Ids.newId(Clock.fixed(Instant.parse("2026-01-01T00:00:01Z"), ZoneOffset.UTC));
    assertThat(early.compareTo(late)).isNegative();
    var seen = new HashSet<String>();
    Clock clock = Clock.systemUTC();
    for (int i = 0; i < 10_000; i++) {
      assertThat(seen.add(Ids.newId(clock))).isTrue();
    }
  }

  @Test
  void looksValid_shouldAcceptOnlyCanonicalUuids() {
    assertThat(Ids.looksValid(Ids.newId(Clock.systemUTC()))).isTrue();
    assertThat(Ids.looksValid("not-an-id")).isFalse();
    assertThat(Ids.looksValid("01A207B2-0E6C-790B-A125-596150CC7DF7")).isFalse();
    assertThat(Ids.looksValid(null)).isFalse();
  }
}
