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
  void checkRoleChange_shouldLetOnlyAnAdminGrantAdmin(Role caller) {
    // managing members at all is the Authorizer's decision (AuthorizerTest): only ADMIN's role allows it
    assertThatThrownBy(() -> MembershipRules.checkRoleChange("a", caller, "b", Role.ADMIN))
        .isInstanceOf(ForbiddenException.class).hasMessage("only an ADMIN grants ADMIN");
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
  void checkInvitation_shouldLetAdminsInviteWithAnyRole_andOnlyAdminsWithAdmin() {
    // who invites at all is the Authorizer's decision (members:manage, AuthorizerTest)
    for (Role caller : Role.values()) {
      for (Role role : Role.values()) {
        if (caller == Role.ADMIN || role != Role.ADMIN) {
          assertThatCode(() -> MembershipRules.checkInvitation(caller, role)).doesNotThrowAnyException();
        } else {
          assertThatThrownBy(() -> MembershipRules.checkInvitation(caller, role))
              .isInstanceOf(ForbiddenException.class).hasMessage("only an ADMIN grants ADMIN");
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
