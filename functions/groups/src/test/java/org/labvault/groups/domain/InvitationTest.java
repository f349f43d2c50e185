package org.labvault.groups.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.labvault.shared.auth.Role;
import org.labvault.shared.error.ErrorCode;

class InvitationTest {

  private static final Instant CREATED = Instant.parse("2026-11-01T10:00:00Z");
  private static final Instant EXPIRES = CREATED.plus(Invitation.VALIDITY);

  private static Invitation invitation(InvitationStatus status) {
    return new Invitation("inv-1", "g-1", "Lab", "bob", Role.EDIT, status, CREATED, "alice", EXPIRES);
  }

  @Test
  void aPendingInvitation_isOpenUntilTheInstantItExpires() {
    Invitation pending = invitation(InvitationStatus.PENDING);
    assertThat(pending.isOpenAt(EXPIRES.minusMillis(1))).isTrue();
    assertThat(pending.expiredAt(EXPIRES.minusMillis(1))).isFalse();
    // at the expiry instant it is over, not open for one more moment
    assertThat(pending.expiredAt(EXPIRES)).isTrue();
    assertThat(pending.isOpenAt(EXPIRES)).isFalse();
    assertThat(pending.isOpenAt(EXPIRES.plusSeconds(1))).isFalse();
  }

  @Test
  void anAnsweredInvitation_isNeverOpen_evenBeforeItExpires() {
    for (InvitationStatus closed : new InvitationStatus[] {
        InvitationStatus.ACCEPTED, InvitationStatus.DECLINED, InvitationStatus.REVOKED}) {
      assertThat(invitation(closed).isOpenAt(CREATED)).as(closed.name()).isFalse();
    }
  }

  @Test
  void conflicts_shouldCarryTheirStableCodes() {
    assertThat(Conflicts.alreadyMember().errorCode()).isEqualTo(ErrorCode.ALREADY_MEMBER);
    assertThat(Conflicts.alreadyInvited().errorCode()).isEqualTo(ErrorCode.ALREADY_INVITED);
    assertThat(Conflicts.invitationClosed().errorCode()).isEqualTo(ErrorCode.INVITATION_CLOSED);
    assertThat(Conflicts.invitationExpired(EXPIRES).errorCode()).isEqualTo(ErrorCode.INVITATION_EXPIRED);
    assertThat(Conflicts.invitationExpired(EXPIRES).getMessage()).contains(EXPIRES.toString());
    assertThat(Conflicts.groupNotEmpty().errorCode()).isEqualTo(ErrorCode.GROUP_NOT_EMPTY);
  }
}
