package org.labvault.shared.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.labvault.shared.error.ValidationException;

class PageRequestTest {

  @Test
  void of_shouldDefaultTo50() {
    assertThat(PageRequest.of(null, null)).isEqualTo(new PageRequest(50, null));
  }

  @Test
  void of_shouldAcceptTheBounds() {
    assertThat(PageRequest.of("1", null).limit()).isEqualTo(1);
    assertThat(PageRequest.of("100", "t").limit()).isEqualTo(100);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "101", "-1", "ten", "1.5", ""})
  void of_shouldRefuseLimitsOutside1To100(String limit) {
    assertThatThrownBy(() -> PageRequest.of(limit, null))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("limit:");
  }

  @Test
  void of_shouldRefuseBlankOrHugeTokens() {
    assertThatThrownBy(() -> PageRequest.of(null, " ")).hasMessageStartingWith("nextToken:");
    assertThatThrownBy(() -> PageRequest.of(null, "x".repeat(3000))).hasMessageStartingWith("nextToken:");
  }
}
