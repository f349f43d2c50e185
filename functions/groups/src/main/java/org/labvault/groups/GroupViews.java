package org.labvault.groups;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.labvault.groups.domain.Invitation;
import org.labvault.groups.domain.Membership;
import org.labvault.groups.domain.MyGroup;
import org.labvault.shared.auth.Role;

/** The shapes the Groups routes answer with. */
final class GroupViews {
  private GroupViews() {}

  /** A group as its members see it, with their own role ({@code memberCount} on a single group). */
  record GroupView(
      String groupId, String name, String description, Instant createdAt, String createdBy, Role role,
      @JsonInclude(JsonInclude.Include.NON_NULL) Integer memberCount) {

    static GroupView of(GroupService.GroupWithRole g, boolean withCount) {
      var group = g.group();
      return new GroupView(group.groupId(), group.name(), group.description(), group.createdAt(), group.createdBy(),
          g.role(), withCount ? group.memberCount() : null);
    }

    static GroupView of(MyGroup g) {
      return new GroupView(g.groupId(), g.name(), g.description(), g.createdAt(), g.createdBy(), g.role(), null);
    }
  }

  /** A member in a group's member list. */
  record MemberView(String userId, Role role, Instant addedAt, String addedBy) {
    static MemberView of(Membership m) {
      return new MemberView(m.userId(), m.role(), m.addedAt(), m.addedBy());
    }
  }

  /** A membership, as accepting an invitation or changing a role answers it. */
  record MembershipView(String groupId, String userId, Role role, Instant addedAt, String addedBy) {
    static MembershipView of(Membership m) {
      return new MembershipView(m.groupId(), m.userId(), m.role(), m.addedAt(), m.addedBy());
    }
  }

  record InvitationView(
      String invitationId, String groupId, String groupName, String userId, Role role, String status,
      Instant createdAt, String invitedBy, Instant expiresAt) {
    static InvitationView of(Invitation i) {
      return new InvitationView(i.invitationId(), i.groupId(), i.groupName(), i.userId(), i.role(), i.status().name(),
          i.createdAt(), i.createdBy(), i.expiresAt());
    }
  }
}
