package org.labvault.shared.auth;

import org.labvault.shared.error.ConflictException;
import org.labvault.shared.error.ErrorCode;
import org.labvault.shared.error.ForbiddenException;

/**
 * The invariants of group membership, in one place. Who may manage members at all is the {@link
 * Authorizer}'s decision, made before any of these (members:manage, or for leaving, membership):
 *
 * <ul>
 *   <li>a group always keeps at least {@link #MIN_ADMINS} ADMIN (removing, demoting or the leaving
 *       of the last ADMIN is 409 LAST_ADMIN; storage enforces it atomically with {@link
 *       #adminDelta});
 *   <li>nobody changes their own role;
 *   <li>only an ADMIN grants ADMIN;
 *   <li>a member may always leave, unless they are the last ADMIN.
 * </ul>
 */
public final class MembershipRules {

  /** Storage refuses any change that would take the group's ADMIN count below this. */
  public static final int MIN_ADMINS = 1;

  private MembershipRules() {}

  /**
   * Checks that {@code caller}, whose role {@code callerRole} allows managing members, may give
   * {@code target} the role {@code newRole}.
   */
  public static void checkRoleChange(String callerId, Role callerRole, String targetId, Role newRole) {
    if (newRole == Role.ADMIN && callerRole != Role.ADMIN) {
      throw new ForbiddenException("only an ADMIN grants ADMIN");
    }
    if (callerId.equals(targetId)) {
      throw new ForbiddenException("nobody changes their own role");
    }
  }

  /** Checks that a caller whose role {@code callerRole} allows managing members may invite someone with {@code role}. */
  public static void checkInvitation(Role callerRole, Role role) {
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
