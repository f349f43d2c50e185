package org.labvault.shared.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.labvault.shared.error.UnauthorizedException;
import org.labvault.shared.error.ValidationException;

class PrincipalTest {

  @Test
  void parseList_shouldReadApiGatewaysFlattenedForm() {
    assertThat(Principal.parseList("[operators lab-admins]")).containsExactlyInAnyOrder("operators", "lab-admins");
    assertThat(Principal.parseList("[operators]")).containsExactly("operators");
    assertThat(Principal.parseList("[lab  operators lab]")).containsExactlyInAnyOrder("operators", "lab");
    assertThat(Principal.parseList("[]")).isEmpty();
    assertThat(Principal.parseList("[")).isEmpty();
    assertThat(Principal.parseList("]")).isEmpty();
    assertThat(Principal.parseList(null)).isEmpty();
  }

  @Test
  void parseList_shouldKeepNamesWhole_whenTheyHoldCommasOrQuotes() {
    // what API Gateway passes for the JWT arrays ["x,operators"] and ["\"operators\""]
    assertThat(Principal.parseList("[x,operators]")).containsExactly("x,operators");
    assertThat(Principal.parseList("[\"operators\"]")).containsExactly("\"operators\"");
    assertThat(Principal.parseList("[\"operators\",\"b\"]")).containsExactly("\"operators\",\"b\"");
  }

  @Test
  void parseList_shouldGrantNothing_forAnyOtherForm() {
    assertThat(Principal.parseList("x operators")).isEmpty();
    assertThat(Principal.parseList("operators,x")).isEmpty();
    assertThat(Principal.parseList("operators")).isEmpty();
    assertThat(Principal.parseList("[operators")).isEmpty();
    assertThat(Principal.parseList("operators]")).isEmpty();
  }

  @Test
  void isOperator_shouldBeFalse_forLookalikeGroupClaims() {
    for (String claim : new String[] {"[x,operators]", "[\"operators\"]", "x operators", "operators,x",
        "[operators,x]", "[\"x\",\"operators\"]", "operators", " [operators] "}) {
      assertThat(Principal.fromClaims(Map.of("sub", "a", "cognito:groups", claim)).isOperator())
          .as(claim).isFalse();
    }
    assertThat(Principal.fromClaims(Map.of("sub", "a", "cognito:groups", "[x operators]")).isOperator()).isTrue();
  }

  @Test
  void fromClaims_shouldRefuseMissingClaimsOrSubject() {
    assertThatThrownBy(() -> Principal.fromClaims(null)).isInstanceOf(UnauthorizedException.class);
    assertThatThrownBy(() -> Principal.fromClaims(Map.of("email", "a@b.c"))).isInstanceOf(UnauthorizedException.class);
    assertThatThrownBy(() -> Principal.fromClaims(Map.of("sub", " "))).isInstanceOf(UnauthorizedException.class);
  }

  @Test
  void fromClaims_shouldRefuseASubjectLongerThan256Characters() {
    assertThat(Principal.fromClaims(Map.of("sub", "a".repeat(256))).userId()).hasSize(256);
    assertThatThrownBy(() -> Principal.fromClaims(Map.of("sub", "a".repeat(257))))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("sub:");
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

  @Test
  void fromClaims_shouldMakeTheCanary_onlyFromItsScope() {
    // given a client-credentials token of the canary's client (AWS: sub is the client id)
    var canary = Principal.fromClaims(Map.of("sub", "7c1ab2clientid", "scope", "labvault/canary",
        "custom:tenant", "acme", "cognito:groups", "[operators]"));
    // then its identity is fixed, whatever else the token says
    assertThat(canary.userId()).isEqualTo(Principal.CANARY_USER_ID);
    assertThat(canary.tenant()).isEqualTo(Principal.CANARY_TENANT);
    assertThat(canary.isOperator()).isFalse();
    assertThat(Principal.fromClaims(Map.of("sub", "app:canary", "scope", "openid labvault/canary")).userId())
        .isEqualTo("app:canary");
  }

  @Test
  void fromClaims_shouldRefuseATokenThatNamesTheCanaryWithoutItsScope() {
    assertThatThrownBy(() -> Principal.fromClaims(Map.of("sub", "app:canary", "custom:tenant", "labvault-canary")))
        .isInstanceOf(UnauthorizedException.class);
    assertThatThrownBy(() -> Principal.fromClaims(Map.of("sub", "app:canary", "scope", "labvault/app-links")))
        .isInstanceOf(UnauthorizedException.class);
  }

  @Test
  void fromClaims_shouldNotMakeTheCanary_fromLookalikeScopes() {
    for (String scope : new String[] {"labvault/canary-x", "labvault/Canary", "x,labvault/canary", "labvault"}) {
      assertThat(Principal.fromClaims(Map.of("sub", "alice", "scope", scope)).userId()).as(scope).isEqualTo("alice");
    }
  }
}
