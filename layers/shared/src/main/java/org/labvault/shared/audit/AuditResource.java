package org.labvault.shared.audit;

import java.util.Objects;

/**
 * What an audited action was about, as the trail stores it: {@code <kind>:<id>}, e.g. {@code
 * group:<id>}, or a path of those within a group, e.g. {@code group:<id>/member:<userId>}. Made
 * only by these factories, so the trail's text stays what the security rules and the operators read.
 */
public final class AuditResource {

  private final String text;

  private AuditResource(String text) {
    this.text = text;
  }

  private static final String ROUTE = "route";
  private static final String ROLE = "role";

  private static AuditResource of(String kind, String id) {
    return new AuditResource(kind + ":" + id);
  }

  /** The route key a stored {@link #route} resource names, or empty for any other resource. */
  public static java.util.Optional<String> routeKeyIn(String stored) {
    String prefix = ROUTE + ":";
    return stored != null && stored.startsWith(prefix)
        ? java.util.Optional.of(stored.substring(prefix.length())) : java.util.Optional.empty();
  }

  /** Whether a stored resource was given or joined with {@code roleName} (see {@link #role}). */
  public static boolean grants(String stored, String roleName) {
    return stored != null && stored.endsWith("/" + ROLE + ":" + roleName);
  }

  public static AuditResource group(String groupId) {
    return of("group", groupId);
  }

  public static AuditResource asset(String assetId) {
    return of("asset", assetId);
  }

  /** An invitation as its invitee names it; within its group, see {@link #invitation(String)}. */
  public static AuditResource invitationById(String invitationId) {
    return of("invitation", invitationId);
  }

  /** An app link, as the API names it (its routes and the app's confirmation). */
  public static AuditResource link(String linkId) {
    return of("link", linkId);
  }

  /** An app link removed with its asset, by the platform. */
  public static AuditResource appLink(String linkId) {
    return of("app-link", linkId);
  }

  public static AuditResource instrument(String instrumentId) {
    return of("instrument", instrumentId);
  }

  public static AuditResource app(String appId) {
    return of("app", appId);
  }

  public static AuditResource notice(String noticeId) {
    return of("notice", noticeId);
  }

  /** An API route, by its route key, e.g. {@code GET /ops/audit}. */
  public static AuditResource route(String routeKey) {
    return of(ROUTE, routeKey);
  }

  /** A stored object by its key, when no asset owns it. */
  public static AuditResource object(String key) {
    return of("object", key);
  }

  public static AuditResource digest(long seq) {
    return of("digest", Long.toString(seq));
  }

  public static AuditResource snapshot(String snapshotId) {
    return of("snapshot", snapshotId);
  }

  /** A backup verification, by its report's id. */
  public static AuditResource backupReport(String reportId) {
    return of("backup", reportId);
  }

  /** A member of this group. */
  public AuditResource member(String userId) {
    return within("member", userId);
  }

  /** An invitation into this group. */
  public AuditResource invitation(String invitationId) {
    return within("invitation", invitationId);
  }

  /** With the role given or joined with, so that a grant of ADMIN can be told from the trail. */
  public AuditResource role(String roleName) {
    return within(ROLE, roleName);
  }

  private AuditResource within(String kind, String id) {
    return new AuditResource(text + "/" + kind + ":" + id);
  }

  /** The text the trail stores. */
  public String text() {
    return text;
  }

  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AuditResource other && text.equals(other.text);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text);
  }
}
