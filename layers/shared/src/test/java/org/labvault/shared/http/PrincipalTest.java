package org.labvault.shared.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.labvault.shared.error.UnauthorizedException;

class PrincipalTest {

  @Test
  void parseList_shouldReadApiGatewayJsonAndSingleForms() {
    assertThat(Principal.parseList("[operators lab-admins]")).containsExactlyInAnyOrder("operators", "lab-admins");
    assertThat(Principal.parseList("[\"operators\",\"b\"]")).containsExactlyInAnyOrder("operators", "b");
    assertThat(Principal.parseList("operators")).containsExactly("operators");
    assertThat(Principal.parseList("[]")).isEmpty();
    assertThat(Principal.parseList(null)).isEmpty();
  }

  @Test
  void fromClaims_shouldRefuseMissingClaimsOrSubject() {
    assertThatThrownBy(() -> Principal.fromClaims(null)).isInstanceOf(UnauthorizedException.class);
    assertThatThrownBy(() -> Principal.fromClaims(Map.of("email", "a@b.c"))).isInstanceOf(UnauthorizedException.class);
    assertThatThrownBy(() -> Principal.fromClaims(Map.of("sub", " "))).isInstanceOf(UnauthorizedException.class);
  }

  @Test
  void isOperator_shouldNeedTheExactGroupName() {
    assertThat(Principal.fromClaims(Map.of("sub", "a", "cognito:groups", "[operators]")).isOperator()).isTrue();
    assertThat(Principal.fromClaims(Map.of("sub", "a", "cognito:groups", "[operators-x Operators]")).isOperator()).isFalse();
    assertThat(Principal.fromClaims(Map.of("sub", "a")).isOperator()).isFalse();
  }

  @Test
  void isApplication_shouldRecogniseAppSubjects() {
    assertThat(Principal.fromClaims(Map.of("sub", "app:eln")).isApplication()).isTrue();
    assertThat(Principal.fromClaims(Map.of("sub", "alice")).isApplication()).isFalse();
  }

  @Test
  void tenantId_shouldBeEmpty_whenTheClaimIsMissing() {
    assertThat(Principal.fromClaims(Map.of("sub", "a")).tenantId()).isEmpty();
    assertThat(Principal.fromClaims(Map.of("sub", "a", "custom:tenant", "acme")).tenantId()).contains("acme");
  }
}
