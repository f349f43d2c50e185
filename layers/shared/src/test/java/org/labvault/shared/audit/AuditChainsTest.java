package org.labvault.shared.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.labvault.shared.config.Config;

class AuditChainsTest {

  private static int count(String value) {
    return AuditChains.count(Config.from(Map.of(Config.Names.AUDIT_CHAINS, value)));
  }

  @Test
  void count_shouldTakeOneUpToTheMaximum() {
    assertThat(count("1")).isEqualTo(1);
    assertThat(count(String.valueOf(AuditChains.MAX))).isEqualTo(AuditChains.MAX);
    assertThatThrownBy(() -> count(String.valueOf(AuditChains.MAX + 1)))
        .isInstanceOf(Config.ConfigException.class)
        .hasMessageContaining("at most " + AuditChains.MAX);
    assertThatThrownBy(() -> count("0")).isInstanceOf(Config.ConfigException.class);
  }

  @Test
  void of_shouldPickTheSameChainForTheSameRequest_withinRange() {
    assertThat(AuditChains.of(null, 8)).isZero();
    assertThat(AuditChains.of("req-1", 8)).isEqualTo(AuditChains.of("req-1", 8)).isEqualTo(Math.floorMod("req-1".hashCode(), 8));
    // a negative hash still names a chain that exists
    String negative = "polygenelubricants";
    assertThat(negative.hashCode()).isNegative();
    assertThat(AuditChains.of(negative, 7)).isEqualTo(Math.floorMod(negative.hashCode(), 7)).isBetween(0, 6);
  }
}
