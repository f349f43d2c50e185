package org.labvault.groups.domain;

import java.time.Instant;
import org.labvault.shared.error.ConflictException;

/** The 409 answers of groups and invitations, with their stable codes. */
public final class Conflicts {
  public static final String ALREADY_MEMBER = "ALREADY_MEMBER";
  public static final String ALREADY_INVITED = "ALREADY_INVITED";
  public static final String INVITATION_CLOSED = "INVITATION_CLOSED";
  public static final String INVITATION_EXPIRED = "INVITATION_EXPIRED";
  public static final String GROUP_NOT_EMPTY = "GROUP_NOT_EMPTY";

  private Conflicts() {}

  public static ConflictException alreadyMember() {
    return new ConflictException(ALREADY_MEMBER, "this user is already a member");
  }

  public static ConflictException alreadyInvited() {
    return new ConflictException(ALREADY_INVITED, "this user already has an open invitation to this group");
  }

  public static ConflictException invitationClosed() {
    return new ConflictException(INVITATION_CLOSED, "the invitation is no longer open");
  }

  public static ConflictException invitationExpired(Instant at) {
    return new ConflictException(INVITATION_EXPIRED, "the invitation expired at " + at);
  }

  public static ConflictException groupNotEmpty() {
    return new ConflictException(GROUP_NOT_EMPTY, "the group still holds assets; delete them first");
  }
}
