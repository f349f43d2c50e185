package org.labvault.shared.auth;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A member's role in a group. Each role allows what the one below allows, and more: the table of
 * the contract, in one place.
 */
public enum Role {
  READ_ONLY(EnumSet.of(Action.GROUP_READ, Action.ASSETS_READ)),
  EDIT(EnumSet.of(Action.ASSETS_WRITE)),
  EDIT_DELETE(EnumSet.of(Action.ASSETS_DELETE)),
  ADMIN(EnumSet.of(Action.GROUP_UPDATE, Action.GROUP_DELETE, Action.MEMBERS_MANAGE, Action.INSTRUMENTS_MANAGE));

  private final Set<Action> added;

  Role(Set<Action> added) {
    this.added = added;
  }

  /** Everything this role may do: its own actions and those of every lower role. */
  public Set<Action> actions() {
    EnumSet<Action> all = EnumSet.noneOf(Action.class);
    for (Role r : values()) {
      all.addAll(r.added);
      if (r == this) {
        break;
      }
    }
    return all;
  }

  public boolean allows(Action action) {
    return actions().contains(action);
  }

  /**
   * The roles that allow {@code action}, lowest first: what storage re-checks inside a transaction
   * (the member's role still allows what the route was allowed), taken from this table, never retyped.
   */
  public static Set<Role> allowing(Action action) {
    EnumSet<Role> allowing = EnumSet.noneOf(Role.class);
    for (Role r : values()) {
      if (r.allows(action)) {
        allowing.add(r);
      }
    }
    return allowing;
  }

  public static Optional<Role> parse(String name) {
    for (Role r : values()) {
      if (r.name().equals(name)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
