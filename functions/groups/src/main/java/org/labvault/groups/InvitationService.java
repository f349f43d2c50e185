package org.labvault.groups;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.inject.Inject;
import org.labvault.groups.domain.Conflicts;
import org.labvault.groups.domain.Invitation;
import org.labvault.groups.domain.InvitationStatus;
import org.labvault.groups.domain.Membership;
import org.labvault.groups.port.GroupRepository;
import org.labvault.groups.port.InvitationRepository;
import org.labvault.shared.audit.AuditAction;
import org.labvault.shared.audit.AuditResource;
import org.labvault.shared.auth.Action;
import org.labvault.shared.auth.Authorizer;
import org.labvault.shared.auth.Caller;
import org.labvault.shared.auth.MembershipRules;
import org.labvault.shared.auth.ResourceRef;
import org.labvault.shared.auth.Role;
import org.labvault.shared.error.NotFoundException;
import org.labvault.shared.id.Ids;
import org.labvault.shared.paging.Page;
import org.labvault.shared.paging.PageRequest;

/**
 * Invitations: an ADMIN invites a user with a role; the invitee accepts or declines within
 * {@link Invitation#VALIDITY}; an ADMIN may revoke it. Nobody else learns that it exists.
 */
public final class InvitationService {

  private final InvitationRepository invitations;
  private final GroupRepository groups;
  private final Authorizer authorizer;
  private final Clock clock;

  @Inject
  InvitationService(InvitationRepository invitations, GroupRepository groups, Authorizer authorizer, Clock clock) {
    this.invitations = invitations;
    this.groups = groups;
    this.authorizer = authorizer;
    this.clock = clock;
  }

  public Invitation invite(Caller caller, String groupId, String userId, Role role) {
    Role callerRole = authorizer.require(caller, groupId, Action.MEMBERS_MANAGE);
    Instant now = now();
    String invitationId = Ids.newId(clock);
    var resource = AuditResource.group(groupId).invitation(invitationId);
    return authorizer.audited(caller, AuditAction.INVITATIONS_CREATE, resource, callerRole, () -> {
      MembershipRules.checkInvitation(callerRole, role);
      if (userId.equals(caller.userId())) {
        throw Conflicts.alreadyMember();
      }
      var group = groups.find(groupId).orElseThrow(Authorizer::notFound);
      var invitation = new Invitation(invitationId, groupId, group.name(), userId, role, InvitationStatus.PENDING,
          now, caller.userId(), now.plus(Invitation.VALIDITY));
      invitations.create(invitation, caller.userId(), now);
      return invitation;
    });
  }

  /** The group's pending invitations, with who made each (ADMIN only; a non-member gets 404). */
  public Page<Invitation> pendingIn(Caller caller, String groupId, PageRequest page) {
    authorizer.require(caller, groupId, Action.MEMBERS_MANAGE);
    return invitations.pendingIn(groupId, now(), page);
  }

  public Page<Invitation> mine(Caller caller, PageRequest page) {
    return invitations.openFor(caller.userId(), now(), page);
  }

  /** The invitee joins the group; accepting again answers the same membership. */
  public Membership accept(Caller caller, String invitationId) {
    Invitation inv = addressedTo(caller, invitationId, AuditAction.INVITATIONS_ACCEPT);
    if (inv.status() == InvitationStatus.ACCEPTED) {
      // joined before: no change, so no record (and no second ADMIN_GRANTED for one grant)
      return groups.member(inv.groupId(), caller.userId()).orElseThrow(Conflicts::invitationClosed);
    }
    // the role joined with is part of the resource, so that joining as ADMIN can be told from the trail
    Membership member = authorizer.audited(caller, AuditAction.INVITATIONS_ACCEPT, resource(inv).role(inv.role().name()), null, () -> {
      requireOpen(inv);
      return invitations.accept(inv, now());
    });
    RoleGrants.log(inv.groupId(), caller.userId(), inv.role());
    return member;
  }

  /** The invitee declines; declining again changes nothing. */
  public void decline(Caller caller, String invitationId) {
    Invitation inv = addressedTo(caller, invitationId, AuditAction.INVITATIONS_DECLINE);
    authorizer.audited(caller, AuditAction.INVITATIONS_DECLINE, resource(inv), null, () -> {
      if (inv.status() != InvitationStatus.DECLINED) {
        requireOpen(inv);
        invitations.close(inv, InvitationStatus.DECLINED, null, now());
      }
      return null;
    });
  }

  /** An ADMIN of the group revokes it; for anyone else it does not exist. */
  public void revoke(Caller caller, String groupId, String invitationId) {
    var decision = authorizer.decide(caller.principal(), ResourceRef.group(groupId), Action.MEMBERS_MANAGE);
    AuditResource resource = AuditResource.group(groupId).invitation(invitationId);
    Invitation inv = decision.allowed() && Ids.looksValid(invitationId)
        ? invitations.find(invitationId).filter(i -> i.groupId().equals(groupId)).orElse(null)
        : null;
    if (inv == null) {
      throw authorizer.deny(caller, AuditAction.INVITATIONS_REVOKE, resource, decision.role(), notFound());
    }
    authorizer.audited(caller, AuditAction.INVITATIONS_REVOKE, resource, decision.role(), () -> {
      if (inv.status() != InvitationStatus.REVOKED) {
        requireOpen(inv);
        invitations.close(inv, InvitationStatus.REVOKED, caller.userId(), now());
      }
      return null;
    });
  }

  /** The invitation, if the caller is its invitee; a 404 (audited) for anyone else. */
  private Invitation addressedTo(Caller caller, String invitationId, AuditAction action) {
    return (Ids.looksValid(invitationId) ? invitations.find(invitationId) : java.util.Optional.<Invitation>empty())
        .filter(i -> i.userId().equals(caller.userId()))
        .orElseThrow(() -> authorizer.deny(caller, action, AuditResource.invitationById(invitationId), null, notFound()));
  }

  private void requireOpen(Invitation inv) {
    if (inv.status() != InvitationStatus.PENDING) {
      throw Conflicts.invitationClosed();
    }
    if (inv.expiredAt(now())) {
      throw Conflicts.invitationExpired(inv.expiresAt());
    }
  }

  /** Times are kept to the second, as the API shows them. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }

  private static AuditResource resource(Invitation inv) {
    return AuditResource.group(inv.groupId()).invitation(inv.invitationId());
  }

  private static NotFoundException notFound() {
    return new NotFoundException("no such invitation");
  }
}
