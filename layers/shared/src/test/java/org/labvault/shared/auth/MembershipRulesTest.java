package org.labvault.shared.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.labvault.shared.error.ForbiddenException;

class MembershipRulesTest {

  @ParameterizedTest
  @EnumSource(value = Role.class, names = {"READ_ONLY", "EDIT", "EDIT_DELETE"})
  void checkRoleChange_shouldRefuseEveryoneButAdmins(Role caller) {
    for (Role target : Role.values()) {
      assertThatThrownBy(() -> MembershipRules.checkRoleChange("a", caller, "b", target))
          .isInstanceOf(ForbiddenException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(Role.class)
  void checkRoleChange_shouldLetAnAdminGiveAnyRoleToSomeoneElse(Role newRole) {
    assertThatCode(() -> MembershipRules.checkRoleChange("a", Role.ADMIN, "b", newRole)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @EnumSource(Role.class)
  void checkRoleChange_shouldRefuseAChangeOfOnesOwnRole(Role newRole) {
    assertThatThrownBy(() -> MembershipRules.checkRoleChange("a", Role.ADMIN, "a", newRole))
        .isInstanceOf(ForbiddenException.class).hasMessage("nobody changes their own role");
  }

  @Test
  void checkRemoval_shouldLetAnyoneLeaveAndOnlyAdminsRemoveOthers() {
    for (Role caller : Role.values()) {
      assertThatCode(() -> MembershipRules.checkRemoval("a", caller, "a")).doesNotThrowAnyException();
      if (caller == Role.ADMIN) {
        assertThatCode(() -> MembershipRules.checkRemoval("a", caller, "b")).doesNotThrowAnyException();
      } else {
        assertThatThrownBy(() -> MembershipRules.checkRemoval("a", caller, "b")).isInstanceOf(ForbiddenException.class);
      }
    }
  }

  @Test
  void checkInvitation_shouldLetOnlyAdminsInviteWithAnyRole() {
    for (Role caller : Role.values()) {
      for (Role role : Role.values()) {
        if (caller == Role.ADMIN) {
          assertThatCode(() -> MembershipRules.checkInvitation(caller, role)).doesNotThrowAnyException();
        } else {
          assertThatThrownBy(() -> MembershipRules.checkInvitation(caller, role)).isInstanceOf(ForbiddenException.class);
        }
      }
    }
  }

  @Test
  void adminDelta_shouldCountAdminsInAndOut() {
    assertThat(MembershipRules.adminDelta(null, Role.ADMIN)).isEqualTo(1);
    assertThat(MembershipRules.adminDelta(Role.ADMIN, null)).isEqualTo(-1);
    assertThat(MembershipRules.adminDelta(Role.ADMIN, Role.EDIT)).isEqualTo(-1);
    assertThat(MembershipRules.adminDelta(Role.EDIT, Role.ADMIN)).isEqualTo(1);
    assertThat(MembershipRules.adminDelta(Role.ADMIN, Role.ADMIN)).isZero();
    assertThat(MembershipRules.adminDelta(Role.READ_ONLY, Role.EDIT_DELETE)).isZero();
    assertThat(MembershipRules.adminDelta(null, Role.READ_ONLY)).isZero();
    assertThat(MembershipRules.adminDelta(Role.EDIT, null)).isZero();
  }

  @Test
  void lastAdmin_shouldBeA409WithItsCode() {
    var e = MembershipRules.lastAdmin();
    assertThat(e.status()).isEqualTo(409);
    assertThat(e.code()).isEqualTo("LAST_ADMIN");
  }
}
