package org.labvault.shared.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.labvault.shared.auth.Action;

/** The trail's text is served and read by the security rules: it must not change with the types. */
class AuditTypesTest {

  /** Every audited action's text, written out as the trail has always stored it. */
  private static final Map<AuditAction, String> STORED = new LinkedHashMap<>();

  static {
    STORED.put(AuditAction.GROUP_READ, "group:read");
    STORED.put(AuditAction.ASSETS_READ, "assets:read");
    STORED.put(AuditAction.ASSETS_WRITE, "assets:write");
    STORED.put(AuditAction.ASSETS_DELETE, "assets:delete");
    STORED.put(AuditAction.GROUP_UPDATE, "group:update");
    STORED.put(AuditAction.GROUP_DELETE, "group:delete");
    STORED.put(AuditAction.MEMBERS_MANAGE, "members:manage");
    STORED.put(AuditAction.INSTRUMENTS_MANAGE, "instruments:manage");
    STORED.put(AuditAction.GROUP_CREATE, "group:create");
    STORED.put(AuditAction.MEMBERS_LEAVE, "members:leave");
    STORED.put(AuditAction.INVITATIONS_CREATE, "invitations:create");
    STORED.put(AuditAction.INVITATIONS_ACCEPT, "invitations:accept");
    STORED.put(AuditAction.INVITATIONS_DECLINE, "invitations:decline");
    STORED.put(AuditAction.INVITATIONS_REVOKE, "invitations:revoke");
    STORED.put(AuditAction.ASSETS_DOWNLOAD, "assets:download");
    STORED.put(AuditAction.ASSETS_COMPLETE_UPLOAD, "assets:complete-upload");
    STORED.put(AuditAction.ASSET_VERIFY, "asset:verify");
    STORED.put(AuditAction.OBJECT_REMOVE_ORPHAN, "object:remove-orphan");
    STORED.put(AuditAction.OBJECT_REMOVE_LATE, "object:remove-late");
    STORED.put(AuditAction.APP_LINKS_CREATE, "app-links:create");
    STORED.put(AuditAction.APP_LINKS_DELETE, "app-links:delete");
    STORED.put(AuditAction.APP_LINKS_CONFIRM_DELETION, "app-links:confirm-deletion");
    STORED.put(AuditAction.APP_LINK_DELETE, "app-link:delete");
    STORED.put(AuditAction.INSTRUMENTS_READ, "instruments:read");
    STORED.put(AuditAction.INSTRUMENTS_REGISTER, "instruments:register");
    STORED.put(AuditAction.INSTRUMENTS_REVOKE, "instruments:revoke");
    STORED.put(AuditAction.INSTRUMENTS_GRANT, "instruments:grant");
    STORED.put(AuditAction.INSTRUMENTS_UNGRANT, "instruments:ungrant");
    STORED.put(AuditAction.OPS_ACCESS, "ops:access");
    STORED.put(AuditAction.APPS_REGISTER, "apps:register");
    STORED.put(AuditAction.NOTICES_CREATE, "notices:create");
    STORED.put(AuditAction.AUDIT_DIGEST, "audit:digest");
    STORED.put(AuditAction.BACKUP_RUN, "backup:run");
    STORED.put(AuditAction.BACKUP_VERIFY, "backup:verify");
    STORED.put(AuditAction.ASSET_BACKUP, "asset:backup");
    STORED.put(AuditAction.ASSET_BACKUP_PURGE, "asset:backup-purge");
    STORED.put(AuditAction.ASSET_RESTORE, "asset:restore");
    STORED.put(AuditAction.ASSET_RESTORE_ABANDONED, "asset:restore-abandoned");
  }

  @Test
  void everyAction_shouldKeepTheTextTheTrailStores() {
    assertThat(STORED.keySet()).containsExactlyInAnyOrder(AuditAction.values());
    STORED.forEach((action, text) -> {
      assertThat(action.wireName()).as(action.name()).isEqualTo(text);
      assertThat(action).as("as logs print it").hasToString(text);
    });
    assertThat(Arrays.stream(AuditAction.values()).map(AuditAction::wireName)).doesNotHaveDuplicates();
  }

  @Test
  void theActionsARoleAllows_shouldBeAuditedUnderTheirOwnNames() {
    for (Action action : Action.values()) {
      assertThat(action.audited().wireName()).isEqualTo(action.wireName());
      assertThat(action.audited().name()).isEqualTo(action.name());
    }
    assertThat(Action.MEMBERS_MANAGE.wireName()).isEqualTo("members:manage");
  }

  @Test
  void resources_shouldKeepTheTextTheTrailStores() {
    assertThat(AuditResource.group("g1").text()).isEqualTo("group:g1");
    assertThat(AuditResource.asset("a1").text()).isEqualTo("asset:a1");
    assertThat(AuditResource.invitationById("i1").text()).isEqualTo("invitation:i1");
    assertThat(AuditResource.link("l1").text()).isEqualTo("link:l1");
    assertThat(AuditResource.appLink("l1").text()).isEqualTo("app-link:l1");
    assertThat(AuditResource.instrument("n1").text()).isEqualTo("instrument:n1");
    assertThat(AuditResource.app("p1").text()).isEqualTo("app:p1");
    assertThat(AuditResource.notice("o1").text()).isEqualTo("notice:o1");
    assertThat(AuditResource.route("GET /ops/audit").text()).isEqualTo("route:GET /ops/audit");
    assertThat(AuditResource.object("groups/g1/a1").text()).isEqualTo("object:groups/g1/a1");
    assertThat(AuditResource.digest(42).text()).isEqualTo("digest:42");
    assertThat(AuditResource.snapshot("s1").text()).isEqualTo("snapshot:s1");
    assertThat(AuditResource.backupReport("r1").text()).isEqualTo("backup:r1");
    assertThat(AuditResource.group("g1").member("u1").text()).isEqualTo("group:g1/member:u1");
    assertThat(AuditResource.group("g1").member("u1").role("ADMIN").text()).isEqualTo("group:g1/member:u1/role:ADMIN");
    assertThat(AuditResource.group("g1").invitation("i1").role("EDIT").toString())
        .isEqualTo("group:g1/invitation:i1/role:EDIT");
  }

  @Test
  void fromWireName_shouldReadEveryStoredActionBack_andNothingElse() {
    STORED.forEach((action, text) -> assertThat(AuditAction.fromWireName(text)).contains(action));
    assertThat(AuditAction.fromWireName("OPS_ACCESS")).isEmpty();
    assertThat(AuditAction.fromWireName(null)).isEmpty();
  }

  @Test
  void storedResources_shouldBeReadByTheRulesThatBuiltThem() {
    assertThat(AuditResource.routeKeyIn(AuditResource.route("GET /ops/audit").text())).contains("GET /ops/audit");
    assertThat(AuditResource.routeKeyIn(AuditResource.group("route").text())).isEmpty();
    assertThat(AuditResource.routeKeyIn(null)).isEmpty();
    assertThat(AuditResource.grants(AuditResource.group("g1").member("u1").role("ADMIN").text(), "ADMIN")).isTrue();
    assertThat(AuditResource.grants(AuditResource.group("g1").member("u1").role("EDIT").text(), "ADMIN")).isFalse();
    assertThat(AuditResource.grants(AuditResource.group("g1").member("ADMIN").text(), "ADMIN")).isFalse();
    assertThat(AuditResource.grants(null, "ADMIN")).isFalse();
  }

  @Test
  void resources_shouldBeEqualByTheirText() {
    assertThat(AuditResource.group("g1")).isEqualTo(AuditResource.group("g1")).hasSameHashCodeAs(AuditResource.group("g1"));
    assertThat(AuditResource.group("g1")).isNotEqualTo(AuditResource.asset("g1"));
    assertThat(AuditResource.group("g1").hashCode()).isNotEqualTo(AuditResource.asset("g1").hashCode());
  }

  @Test
  void of_shouldMakeARecordOfTheTextsWithoutARole() {
    Instant t = Instant.parse("2026-11-23T08:00:00Z");
    assertThat(AuditEvent.of("system:backup", AuditAction.ASSET_BACKUP, AuditResource.asset("a1"), AuditEvent.Decision.ALLOW,
        "req-1", t))
        .isEqualTo(new AuditEvent("system:backup", "asset:backup", "asset:a1", AuditEvent.Decision.ALLOW, null, "req-1", t));
  }
}
