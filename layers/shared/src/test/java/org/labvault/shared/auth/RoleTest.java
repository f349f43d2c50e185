package org.labvault.shared.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.labvault.shared.auth.Action.*;
import static org.labvault.shared.auth.Role.*;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RoleTest {

  /** The contract's table, written out in full: what each role may do. */
  private static final Map<Role, Set<Action>> CONTRACT = Map.of(
      READ_ONLY, EnumSet.of(GROUP_READ, ASSETS_READ),
      EDIT, EnumSet.of(GROUP_READ, ASSETS_READ, ASSETS_WRITE),
      EDIT_DELETE, EnumSet.of(GROUP_READ, ASSETS_READ, ASSETS_WRITE, ASSETS_DELETE),
      ADMIN, EnumSet.allOf(Action.class));

  static Stream<Arguments> everyRoleAndAction() {
    return Stream.of(Role.values()).flatMap(r -> Stream.of(Action.values()).map(a -> Arguments.of(r, a)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyRoleAndAction")
  void allows_shouldFollowTheContractTable(Role role, Action action) {
    assertThat(role.allows(action)).isEqualTo(CONTRACT.get(role).contains(action));
  }

  @Test
  void theTableCoversEveryRoleAndAction() {
    assertThat(CONTRACT.keySet()).containsExactlyInAnyOrder(Role.values());
    assertThat(everyRoleAndAction()).hasSize(Role.values().length * Action.values().length);
  }

  @Test
  void eachRoleAllowsEverythingTheOneBelowAllows() {
    for (int i = 1; i < Role.values().length; i++) {
      assertThat(Role.values()[i].actions()).containsAll(Role.values()[i - 1].actions());
    }
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(Action.class)
  void allowing_shouldNameExactlyTheRolesTheContractLetsDoTheAction(Action action) {
    Set<Role> expected = EnumSet.noneOf(Role.class);
    CONTRACT.forEach((role, actions) -> {
      if (actions.contains(action)) {
        expected.add(role);
      }
    });
    assertThat(Role.allowing(action)).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void allowing_shouldNameTheRolesStorageRechecks() {
    assertThat(Role.allowing(MEMBERS_MANAGE)).containsExactly(ADMIN);
    assertThat(Role.allowing(ASSETS_WRITE)).containsExactly(EDIT, EDIT_DELETE, ADMIN);
  }

  @Test
  void actionsHaveTheirWireNames() {
    assertThat(Action.fromWireName("assets:read")).contains(ASSETS_READ);
    assertThat(Action.fromWireName("members:manage")).contains(MEMBERS_MANAGE);
    assertThat(Action.fromWireName("ASSETS_READ")).isEmpty();
    assertThat(Role.parse("EDIT_DELETE")).contains(EDIT_DELETE);
    assertThat(Role.parse("admin")).isEmpty();
  }
}
