package org.labvault.groups.domain;

import java.time.Instant;
import org.labvault.shared.error.ConflictException;
import org.labvault.shared.error.ErrorCode;

/** The 409 answers of groups and invitations. */
public final class Conflicts {
  private Conflicts() {}

  public static ConflictException alreadyMember() {
    return new ConflictException(ErrorCode.ALREADY_MEMBER, "this user is already a member");
  }

  public static ConflictException alreadyInvited() {
    return new ConflictException(ErrorCode.ALREADY_INVITED, "this user already has an open invitation to this group");
  }

  public static ConflictException invitationClosed() {
    return new ConflictException(ErrorCode.INVITATION_CLOSED, "the invitation is no longer open");
  }

  public static ConflictException invitationExpired(Instant at) {
    return new ConflictException(ErrorCode.INVITATION_EXPIRED, "the invitation expired at " + at);
  }

  public static ConflictException groupNotEmpty() {
    return new ConflictException(ErrorCode.GROUP_NOT_EMPTY, "the group still holds assets; delete them first");
  }
}
