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
  void anInvitation_hasExpiredAtTheInstantItExpires_notOneMomentLater() {
    Invitation pending = invitation(InvitationStatus.PENDING);
    assertThat(pending.expiredAt(EXPIRES.minusMillis(1))).isFalse();
    assertThat(pending.expiredAt(EXPIRES)).isTrue();
    assertThat(pending.expiredAt(EXPIRES.plusSeconds(1))).isTrue();
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
