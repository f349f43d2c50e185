package org.labvault.groups.port;

import java.time.Instant;
import java.util.Optional;
import org.labvault.groups.domain.Invitation;
import org.labvault.groups.domain.InvitationStatus;
import org.labvault.groups.domain.Membership;
import org.labvault.shared.paging.Page;
import org.labvault.shared.paging.PageRequest;

/** Invitations, each change atomic with the memberships it creates. */
public interface InvitationRepository {

  /**
   * Stores a pending invitation, as {@code adminId}.
   *
   * @throws org.labvault.shared.error.ConflictException ALREADY_MEMBER or ALREADY_INVITED (an
   *     open invitation exists for the same user and group)
   */
  void create(Invitation invitation, String adminId, Instant now);

  /** The invitation with this id (strongly consistent). */
  Optional<Invitation> find(String invitationId);

  /** One page of the open invitations of {@code userId}, expiring soonest first. */
  Page<Invitation> openFor(String userId, Instant now, PageRequest page);

  /**
   * One page of the group's pending invitations that have not expired (a page may hold fewer than
   * its limit).
   */
  Page<Invitation> pendingIn(String groupId, Instant now, PageRequest page);

  /**
   * Accepts an open invitation: the invitee becomes a member with the invited role, atomically,
   * on condition that the inviter still is an ADMIN of the group.
   *
   * @throws org.labvault.shared.error.ConflictException INVITATION_CLOSED when it was closed, or
   *     its inviter is no longer an ADMIN
   *
   * @return the new membership
   */
  Membership accept(Invitation invitation, Instant now);

  /**
   * Closes an open invitation as DECLINED (by the invitee) or REVOKED (by {@code adminId}).
   */
  void close(Invitation invitation, InvitationStatus status, String adminId, Instant now);
}
