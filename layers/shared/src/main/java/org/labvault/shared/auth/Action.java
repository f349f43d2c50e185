package org.labvault.shared.auth;

import java.util.Arrays;
import java.util.Optional;

/** What a caller may want to do with a group or what it holds. */
public enum Action {
  GROUP_READ("group:read"),
  ASSETS_READ("assets:read"),
  ASSETS_WRITE("assets:write"),
  ASSETS_DELETE("assets:delete"),
  GROUP_UPDATE("group:update"),
  GROUP_DELETE("group:delete"),
  MEMBERS_MANAGE("members:manage"),
  INSTRUMENTS_MANAGE("instruments:manage");

  private final String wireName;

  Action(String wireName) {
    this.wireName = wireName;
  }

  /** The name clients use, e.g. {@code assets:read}. */
  public String wireName() {
    return wireName;
  }

  public static Optional<Action> fromWireName(String name) {
    return Arrays.stream(values()).filter(a -> a.wireName.equals(name)).findFirst();
  }
}
