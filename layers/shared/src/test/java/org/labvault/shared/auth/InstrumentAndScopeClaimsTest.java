package org.labvault.shared.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Instruments as principals, and the scope claim in the array form API Gateway passes. */
class InstrumentAndScopeClaimsTest {

  @Test
  void instrument_shouldBeKnownByItsPrefix_andNoTokenUserIsOne() {
    Principal instrument = Principal.instrument("i-1");
    assertThat(instrument.userId()).isEqualTo(Principal.INSTRUMENT_PREFIX + "i-1");
    assertThat(instrument.isOperator()).isFalse();
    assertThat(instrument.tenantId()).isEmpty();
    assertThat(Principal.fromClaims(Map.of("sub", "alice")).userId()).doesNotStartWith(Principal.INSTRUMENT_PREFIX);
  }

  @Test
  void fromClaims_shouldMakeTheCanary_fromItsScopeInTheArrayForm() {
    Principal canary = Principal.fromClaims(Map.of("sub", "client-1", "scope", " [openid labvault/canary] "));
    assertThat(canary.userId()).isEqualTo(Principal.CANARY_USER_ID);
    assertThat(canary.tenantId()).contains(Principal.CANARY_TENANT);
  }

  @Test
  void fromClaims_shouldTakeBracketsOnlyAroundTheWholeList() {
    // an opening bracket without its closing one is part of the first name
    for (String scope : new String[] {"[labvault/canary x", "x labvault/canary]", "[]", "[ ]"}) {
      assertThat(Principal.fromClaims(Map.of("sub", "client-1", "scope", scope)).userId()).as(scope).isEqualTo("client-1");
    }
  }
}
