package org.labvault.shared.auth;

import org.labvault.shared.error.ConflictException;
import org.labvault.shared.error.ErrorCode;
import org.labvault.shared.error.ForbiddenException;

/**
 * The invariants of group membership, in one place:
 *
 * <ul>
 *   <li>a group always keeps at least {@link #MIN_ADMINS} ADMIN (removing, demoting or the leaving
 *       of the last ADMIN is 409 LAST_ADMIN; storage enforces it atomically with {@link
 *       #adminDelta});
 *   <li>nobody changes their own role;
 *   <li>only an ADMIN grants ADMIN (only ADMINs manage members at all);
 *   <li>a member may always leave, unless they are the last ADMIN.
 * </ul>
 */
public final class MembershipRules {

  /** Storage refuses any change that would take the group's ADMIN count below this. */
  public static final int MIN_ADMINS = 1;

  private MembershipRules() {}

  /**
   * Checks that {@code caller} (with {@code callerRole}) may give {@code target} the role
   * {@code newRole}.
   */
  public static void checkRoleChange(String callerId, Role callerRole, String targetId, Role newRole) {
    if (!callerRole.allows(Action.MEMBERS_MANAGE)) {
      throw new ForbiddenException("only an ADMIN changes roles");
    }
    if (newRole == Role.ADMIN && callerRole != Role.ADMIN) {
      throw new ForbiddenException("only an ADMIN grants ADMIN");
    }
    if (callerId.equals(targetId)) {
      throw new ForbiddenException("nobody changes their own role");
    }
  }

  /** Checks that {@code caller} may remove {@code target}: an ADMIN may, and anyone may leave. */
  public static void checkRemoval(String callerId, Role callerRole, String targetId) {
    if (!callerId.equals(targetId) && !callerRole.allows(Action.MEMBERS_MANAGE)) {
      throw new ForbiddenException("only an ADMIN removes other members");
    }
  }

  /** Checks that {@code caller} may invite someone with {@code role}. */
  public static void checkInvitation(Role callerRole, Role role) {
    if (!callerRole.allows(Action.MEMBERS_MANAGE)) {
      throw new ForbiddenException("only an ADMIN invites");
    }
    if (role == Role.ADMIN && callerRole != Role.ADMIN) {
      throw new ForbiddenException("only an ADMIN grants ADMIN");
    }
  }

  /**
   * How a change moves the group's ADMIN count: -1 when an ADMIN stops being one, +1 when someone
   * becomes one, else 0. Storage applies it together with the change, on condition that the count
   * stays at least {@link #MIN_ADMINS}.
   *
   * @param before the role before the change, or null for someone joining
   * @param after the role after the change, or null for someone leaving
   */
  public static int adminDelta(Role before, Role after) {
    int was = before == Role.ADMIN ? 1 : 0;
    int is = after == Role.ADMIN ? 1 : 0;
    return is - was;
  }

  public static ConflictException lastAdmin() {
    return new ConflictException(ErrorCode.LAST_ADMIN, "a group keeps at least one ADMIN; promote another member first");
  }
}
