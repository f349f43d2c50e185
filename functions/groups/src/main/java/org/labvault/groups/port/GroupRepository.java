package org.labvault.groups.port;

import java.util.Optional;
import org.labvault.groups.domain.Group;
import org.labvault.groups.domain.Membership;
import org.labvault.groups.domain.MyGroup;
import org.labvault.shared.auth.Role;
import org.labvault.shared.paging.Page;
import org.labvault.shared.paging.PageRequest;

/**
 * Groups and their members. Every change is atomic and conditional: it also re-checks that the
 * acting ADMIN still is one, and it keeps the group's ADMIN count at the minimum the membership
 * rules set, whatever runs concurrently.
 */
public interface GroupRepository {

  /** Stores a new group with its creator as its first ADMIN. */
  void create(Group group, Membership creator);

  /** The group, if it exists and is not being deleted (strongly consistent). */
  Optional<Group> find(String groupId);

  /** One page of the groups {@code userId} belongs to. */
  Page<MyGroup> groupsOf(String userId, PageRequest page);

  /**
   * Changes name and description (null description: none) as {@code adminId}.
   *
   * @return the changed group
   */
  Group update(String groupId, String name, String description, String adminId);

  /**
   * Deletes the group and every membership, as {@code adminId}.
   *
   * @throws org.labvault.shared.error.ConflictException GROUP_NOT_EMPTY while it holds assets
   */
  void delete(String groupId, String adminId);

  /** One page of the group's members. */
  Page<Membership> members(String groupId, PageRequest page);

  /** One membership (strongly consistent). */
  Optional<Membership> member(String groupId, String userId);

  /**
   * Gives {@code userId} the role {@code role}, as {@code adminId}.
   *
   * @throws org.labvault.shared.error.ConflictException LAST_ADMIN when it would leave no ADMIN
   */
  Membership changeRole(String groupId, String userId, Role role, String adminId);

  /**
   * Removes {@code userId}; {@code callerId} is an ADMIN of the group, or the member leaving.
   *
   * @throws org.labvault.shared.error.ConflictException LAST_ADMIN when it would leave no ADMIN
   */
  void removeMember(String groupId, String userId, String callerId);
}
