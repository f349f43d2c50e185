package org.labvault.shared.auth;

import java.util.Arrays;
import java.util.Optional;
import org.labvault.shared.audit.AuditAction;

/** What a caller may want to do with a group or what it holds. */
public enum Action {
  GROUP_READ(AuditAction.GROUP_READ),
  ASSETS_READ(AuditAction.ASSETS_READ),
  ASSETS_WRITE(AuditAction.ASSETS_WRITE),
  ASSETS_DELETE(AuditAction.ASSETS_DELETE),
  GROUP_UPDATE(AuditAction.GROUP_UPDATE),
  GROUP_DELETE(AuditAction.GROUP_DELETE),
  MEMBERS_MANAGE(AuditAction.MEMBERS_MANAGE),
  INSTRUMENTS_MANAGE(AuditAction.INSTRUMENTS_MANAGE);

  private final AuditAction audited;

  Action(AuditAction audited) {
    this.audited = audited;
  }

  /** How the audit trail records a decision about this action: under the same name. */
  public AuditAction audited() {
    return audited;
  }

  /** The name clients use, e.g. {@code assets:read}. */
  public String wireName() {
    return audited.wireName();
  }

  public static Optional<Action> fromWireName(String name) {
    return Arrays.stream(values()).filter(a -> a.wireName().equals(name)).findFirst();
  }
}
