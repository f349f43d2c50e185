package org.labvault.shared.audit;

/**
 * Every action the audit trail records, with the text the trail stores and serves ({@code GET
 * /ops/audit}, the security rules): the same text as before these were a type, byte for byte. The
 * first ones are the actions a role may allow ({@code org.labvault.shared.auth.Action} names its
 * wire text after them); the others are changes and decisions of their own.
 */
public enum AuditAction {
  // what a role may allow (the Authorizer's refusals of them, and the changes they allow)
  GROUP_READ("group:read"),
  ASSETS_READ("assets:read"),
  ASSETS_WRITE("assets:write"),
  ASSETS_DELETE("assets:delete"),
  GROUP_UPDATE("group:update"),
  GROUP_DELETE("group:delete"),
  MEMBERS_MANAGE("members:manage"),
  INSTRUMENTS_MANAGE("instruments:manage"),

  // groups, members and invitations
  GROUP_CREATE("group:create"),
  MEMBERS_LEAVE("members:leave"),
  INVITATIONS_CREATE("invitations:create"),
  INVITATIONS_ACCEPT("invitations:accept"),
  INVITATIONS_DECLINE("invitations:decline"),
  INVITATIONS_REVOKE("invitations:revoke"),

  // assets and their bytes
  ASSETS_DOWNLOAD("assets:download"),
  ASSETS_COMPLETE_UPLOAD("assets:complete-upload"),
  ASSET_VERIFY("asset:verify"),
  OBJECT_REMOVE_ORPHAN("object:remove-orphan"),
  OBJECT_REMOVE_LATE("object:remove-late"),

  // app links and deletion
  APP_LINKS_CREATE("app-links:create"),
  APP_LINKS_DELETE("app-links:delete"),
  APP_LINKS_CONFIRM_DELETION("app-links:confirm-deletion"),
  APP_LINK_DELETE("app-link:delete"),

  // instruments
  INSTRUMENTS_READ("instruments:read"),
  INSTRUMENTS_REGISTER("instruments:register"),
  INSTRUMENTS_REVOKE("instruments:revoke"),
  INSTRUMENTS_GRANT("instruments:grant"),
  INSTRUMENTS_UNGRANT("instruments:ungrant"),

  // operators and the platform's own jobs
  OPS_ACCESS("ops:access"),
  APPS_REGISTER("apps:register"),
  NOTICES_CREATE("notices:create"),
  AUDIT_DIGEST("audit:digest"),
  BACKUP_RUN("backup:run"),
  BACKUP_VERIFY("backup:verify"),
  ASSET_BACKUP("asset:backup"),
  ASSET_BACKUP_PURGE("asset:backup-purge"),
  ASSET_RESTORE("asset:restore"),
  ASSET_RESTORE_ABANDONED("asset:restore-abandoned");

  private final String wireName;

  AuditAction(String wireName) {
    this.wireName = wireName;
  }

  /** The text the trail stores, e.g. {@code members:manage}. */
  public String wireName() {
    return wireName;
  }

  /** The action a stored record names, or empty for a text no action stores. */
  public static java.util.Optional<AuditAction> fromWireName(String text) {
    for (AuditAction a : values()) {
      if (a.wireName.equals(text)) {
        return java.util.Optional.of(a);
      }
    }
    return java.util.Optional.empty();
  }

  @Override
  public String toString() {
    return wireName;
  }
}
