package org.labvault.groups;

import javax.inject.Inject;
import org.labvault.groups.domain.Membership;
import org.labvault.groups.port.GroupRepository;
import org.labvault.shared.audit.AuditAction;
import org.labvault.shared.audit.AuditResource;
import org.labvault.shared.auth.Action;
import org.labvault.shared.auth.Authorizer;
import org.labvault.shared.auth.Caller;
import org.labvault.shared.auth.MembershipRules;
import org.labvault.shared.auth.Role;
import org.labvault.shared.paging.Page;
import org.labvault.shared.paging.PageRequest;

/** A group's members: listing them, changing their roles, removing them, leaving. */
public final class MemberService {

  private final GroupRepository groups;
  private final Authorizer authorizer;

  @Inject
  MemberService(GroupRepository groups, Authorizer authorizer) {
    this.groups = groups;
    this.authorizer = authorizer;
  }

  public Page<Membership> list(Caller caller, String groupId, PageRequest page) {
    authorizer.require(caller, groupId, Action.GROUP_READ);
    return groups.members(groupId, page);
  }

  /** Gives a member another role (ADMIN only; never one's own role; the last ADMIN stays). */
  public Membership changeRole(Caller caller, String groupId, String userId, Role role) {
    Role callerRole = authorizer.require(caller, groupId, Action.MEMBERS_MANAGE);
    // the role given is part of the resource, so that a grant of ADMIN can be told from the trail
    Membership changed = authorizer.audited(caller, AuditAction.MEMBERS_MANAGE, resource(groupId, userId).role(role.name()),
        callerRole, () -> {
      MembershipRules.checkRoleChange(caller.userId(), callerRole, userId, role);
      return groups.changeRole(groupId, userId, role, caller.userId());
    });
    RoleGrants.log(groupId, userId, role);
    return changed;
  }

  /** Removes a member (ADMIN), or the caller leaves (anyone but the last ADMIN). */
  public void remove(Caller caller, String groupId, String userId) {
    Role callerRole = authorizer.requireRemoval(caller, groupId, userId);
    AuditAction action = caller.userId().equals(userId) ? AuditAction.MEMBERS_LEAVE : AuditAction.MEMBERS_MANAGE;
    authorizer.audited(caller, action, resource(groupId, userId), callerRole, () -> {
      groups.removeMember(groupId, userId, caller.userId());
      return null;
    });
  }

  private static AuditResource resource(String groupId, String userId) {
    return AuditResource.group(groupId).member(userId);
  }
}
