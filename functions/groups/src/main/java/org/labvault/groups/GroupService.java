package org.labvault.groups;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import javax.inject.Inject;
import org.labvault.groups.domain.Group;
import org.labvault.groups.domain.Membership;
import org.labvault.groups.domain.MyGroup;
import org.labvault.groups.port.GroupRepository;
import org.labvault.shared.audit.AuditAction;
import org.labvault.shared.audit.AuditResource;
import org.labvault.shared.auth.Action;
import org.labvault.shared.auth.Authorizer;
import org.labvault.shared.auth.Caller;
import org.labvault.shared.auth.Role;
import org.labvault.shared.id.Ids;
import org.labvault.shared.paging.Page;
import org.labvault.shared.paging.PageRequest;

/** Creating, reading, changing and deleting groups. */
public final class GroupService {

  private final GroupRepository groups;
  private final Authorizer authorizer;
  private final Clock clock;

  @Inject
  GroupService(GroupRepository groups, Authorizer authorizer, Clock clock) {
    this.groups = groups;
    this.authorizer = authorizer;
    this.clock = clock;
  }

  /** A group and the caller's role in it. */
  public record GroupWithRole(Group group, Role role) {}

  /** Creates a group; its creator becomes its first ADMIN. */
  public GroupWithRole create(Caller caller, String name, String description) {
    var now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    var group = new Group(Ids.newId(clock), name, description, caller.principal().tenant(), now, caller.userId(), 1);
    var creator = new Membership(group.groupId(), caller.userId(), Role.ADMIN, now, caller.userId());
    authorizer.audited(caller, AuditAction.GROUP_CREATE, AuditResource.group(group.groupId()), Role.ADMIN, () -> {
      groups.create(group, creator);
      return group;
    });
    return new GroupWithRole(group, Role.ADMIN);
  }

  public Page<MyGroup> mine(Caller caller, PageRequest page) {
    return groups.groupsOf(caller.userId(), page);
  }

  public GroupWithRole get(Caller caller, String groupId) {
    Role role = authorizer.require(caller, groupId, Action.GROUP_READ);
    return new GroupWithRole(groups.find(groupId).orElseThrow(Authorizer::notFound), role);
  }

  /**
   * Renames or re-describes the group (ADMIN). A null name keeps the name; a description that is
   * given replaces it (null: removes it), one that is not given stays.
   */
  public GroupWithRole update(Caller caller, String groupId, String name, String description, boolean descriptionGiven) {
    Role role = authorizer.require(caller, groupId, Action.GROUP_UPDATE);
    Group current = groups.find(groupId).orElseThrow(Authorizer::notFound);
    String newName = name != null ? name : current.name();
    String newDescription = descriptionGiven ? description : current.description();
    Group updated = authorizer.audited(caller, AuditAction.GROUP_UPDATE, AuditResource.group(groupId), role,
        () -> groups.update(groupId, newName, newDescription, caller.userId()));
    return new GroupWithRole(updated, role);
  }

  /** Deletes the group (ADMIN), refused while it holds assets. */
  public void delete(Caller caller, String groupId) {
    Role role = authorizer.require(caller, groupId, Action.GROUP_DELETE);
    authorizer.audited(caller, AuditAction.GROUP_DELETE, AuditResource.group(groupId), role, () -> {
      groups.delete(groupId, caller.userId());
      return null;
    });
  }
}
