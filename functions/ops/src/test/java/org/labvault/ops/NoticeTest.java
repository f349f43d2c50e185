package org.labvault.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.labvault.ops.domain.Notice;
import org.labvault.ops.domain.Severity;

class NoticeTest {

  private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

  private static Notice notice(Set<String> tenants) {
    return new Notice("n", "m", Severity.INFO, T0, T0.plusSeconds(60), tenants, T0, "op");
  }

  @Test
  void visibleTo_shouldHoldFromTheStartUntilJustBeforeTheEnd() {
    Notice n = notice(Set.of());
    assertThat(n.visibleTo("acme", T0.minusSeconds(1))).isFalse();
    assertThat(n.visibleTo("acme", T0)).isTrue();
    assertThat(n.visibleTo("acme", T0.plusSeconds(59))).isTrue();
    assertThat(n.visibleTo("acme", T0.plusSeconds(60))).isFalse();
  }

  @Test
  void visibleTo_shouldLimitATargetedNoticeToItsTenants() {
    Notice n = notice(Set.of("acme", "initech"));
    assertThat(n.visibleTo("acme", T0)).isTrue();
    assertThat(n.visibleTo("globex", T0)).isFalse();
    assertThat(n.visibleTo(null, T0)).isFalse();
    assertThat(notice(Set.of()).visibleTo(null, T0)).isTrue();
  }
}
