package org.labvault.shared.auth;

/**
 * The answer of the authorization path.
 *
 * @param allowed whether the action may go ahead
 * @param role the caller's role that decided, or null when the caller is not a member (or the
 *     resource does not exist: the two are indistinguishable on purpose)
 */
public record Decision(boolean allowed, Role role) {
  public static final Decision INVISIBLE = new Decision(false, null);

  public boolean visible() {
    return role != null;
  }
}
