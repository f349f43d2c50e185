package org.labvault.shared.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.labvault.shared.audit.AuditAction;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.audit.AuditResource;
import org.labvault.shared.error.ConflictException;
import org.labvault.shared.error.ErrorCode;
import org.labvault.shared.error.ForbiddenException;
import org.labvault.shared.error.NotFoundException;
import org.labvault.shared.id.Ids;

class AuthorizerTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC);
  private static final String G = Ids.newId(CLOCK);
  private static final String OTHER = Ids.newId(Clock.systemUTC());

  /** Memberships in a map; counts reads. */
  static final class Members implements MembershipReader {
    final Map<String, Role> roles = new HashMap<>();
    int reads;

    @Override
    public Optional<Role> roleOf(String groupId, String userId) {
      reads++;
      return Optional.ofNullable(roles.get(groupId + "/" + userId));
    }

    @Override
    public Map<String, Role> rolesOf(Collection<String> groupIds, String userId) {
      reads += groupIds.size();
      Map<String, Role> out = new HashMap<>();
      groupIds.forEach(g -> Optional.ofNullable(roles.get(g + "/" + userId)).ifPresent(r -> out.put(g, r)));
      return out;
    }
  }

  /** Assets' groups in a map; counts reads. */
  static final class Assets implements AssetLocator {
    final Map<String, String> groups = new HashMap<>();
    int reads;

    @Override
    public Optional<String> groupOf(String assetId) {
      reads++;
      return Optional.ofNullable(groups.get(assetId));
    }

    @Override
    public Map<String, String> groupsOf(Collection<String> assetIds) {
      reads++;
      Map<String, String> out = new HashMap<>();
      assetIds.forEach(a -> Optional.ofNullable(groups.get(a)).ifPresent(g -> out.put(a, g)));
      return out;
    }
  }

  private static final String ASSET = Ids.newId(CLOCK);
  private final Members members = new Members();
  private final Assets assets = new Assets();
  private final List<AuditEvent> audit = new ArrayList<>();
  private final Authorizer authorizer = new Authorizer(members, assets, audit::add, CLOCK);

  private static Caller caller(String user) {
    return new Caller(new Principal(user, null, "acme", Set.of()), "req-1");
  }

  @Test
  void decide_shouldAllowWhatTheRoleAllowsWithOneRead() {
    members.roles.put(G + "/alice", Role.EDIT);
    var d = authorizer.decide(caller("alice").principal(), ResourceRef.group(G), Action.ASSETS_WRITE);
    assertThat(d).isEqualTo(new Decision(true, Role.EDIT));
    assertThat(members.reads).isEqualTo(1);
    assertThat(authorizer.decide(caller("alice").principal(), ResourceRef.group(G), Action.ASSETS_DELETE))
        .isEqualTo(new Decision(false, Role.EDIT));
  }

  @Test
  void decide_shouldSayNothingAboutGroupsTheCallerIsNotIn() {
    assertThat(authorizer.decide(caller("bob").principal(), ResourceRef.group(G), Action.GROUP_READ)).isEqualTo(Decision.INVISIBLE);
  }

  @Test
  void decide_shouldNotReadForMalformedIds() {
    assertThat(authorizer.decide(caller("alice").principal(), ResourceRef.group("../etc"), Action.GROUP_READ)).isEqualTo(Decision.INVISIBLE);
    assertThat(authorizer.decide(caller("alice").principal(), new ResourceRef(ResourceRef.Type.ASSET, "x"), Action.ASSETS_READ))
        .isEqualTo(Decision.INVISIBLE);
    assertThat(members.reads + assets.reads).isZero();
  }

  @Test
  void decide_onAnAsset_shouldUseItsGroupsMembershipWithOneExtraRead() {
    assets.groups.put(ASSET, G);
    members.roles.put(G + "/alice", Role.READ_ONLY);
    var asset = new ResourceRef(ResourceRef.Type.ASSET, ASSET);
    assertThat(authorizer.decide(caller("alice").principal(), asset, Action.ASSETS_READ)).isEqualTo(new Decision(true, Role.READ_ONLY));
    assertThat(authorizer.decide(caller("alice").principal(), asset, Action.ASSETS_WRITE)).isEqualTo(new Decision(false, Role.READ_ONLY));
    assertThat(authorizer.decide(caller("bob").principal(), asset, Action.ASSETS_READ)).isEqualTo(Decision.INVISIBLE);
    assertThat(assets.reads).isEqualTo(3);
    assertThat(members.reads).isEqualTo(3);
    // an asset that does not exist costs the same: its read, and a membership read all the same
    assertThat(authorizer.decide(caller("alice").principal(), new ResourceRef(ResourceRef.Type.ASSET, OTHER), Action.ASSETS_READ))
        .isEqualTo(Decision.INVISIBLE);
    assertThat(assets.reads).isEqualTo(4);
    assertThat(members.reads).isEqualTo(4);
  }

  @Test
  void requireOnAsset_shouldAnswer404AlikeForMissingAssetsAndNonMembers() {
    members.roles.put(G + "/reader", Role.READ_ONLY);
    assertThatThrownBy(() -> authorizer.requireOnAsset(caller("reader"), ASSET, null, Action.ASSETS_READ))
        .isInstanceOf(NotFoundException.class).hasMessage("no such asset");
    assertThatThrownBy(() -> authorizer.requireOnAsset(caller("stranger"), ASSET, G, Action.ASSETS_READ))
        .isInstanceOf(NotFoundException.class).hasMessage("no such asset");
    assertThat(members.reads).as("a missing asset reads a membership as an existing one does").isEqualTo(2);
    assertThatThrownBy(() -> authorizer.requireOnAsset(caller("reader"), ASSET, G, Action.ASSETS_WRITE))
        .isInstanceOf(ForbiddenException.class);
    assertThat(authorizer.requireOnAsset(caller("reader"), ASSET, G, Action.ASSETS_READ)).isEqualTo(Role.READ_ONLY);
    assertThat(audit).extracting(AuditEvent::resource).containsOnly("asset:" + ASSET);
    assertThat(audit).hasSize(3);
  }

  @Test
  void requireOnHeld_shouldDecideOnTheHoldersGroup_answeringItsOwn404_andAuditingTheResourceGiven() {
    String link = Ids.newId(CLOCK);
    members.roles.put(G + "/reader", Role.READ_ONLY);
    members.roles.put(G + "/editor", Role.EDIT_DELETE);
    NotFoundException noSuchLink = new NotFoundException("no such link");
    assertThat(authorizer.requireOnHeld(caller("editor"), link, AuditResource.link(link), G, Action.ASSETS_DELETE, noSuchLink))
        .isEqualTo(Role.EDIT_DELETE);
    assertThatThrownBy(() -> authorizer.requireOnHeld(caller("reader"), link, AuditResource.link(link), G,
        Action.ASSETS_DELETE, noSuchLink)).isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> authorizer.requireOnHeld(caller("stranger"), link, AuditResource.link(link), G,
        Action.ASSETS_READ, noSuchLink)).isSameAs(noSuchLink);
    assertThatThrownBy(() -> authorizer.requireOnHeld(caller("editor"), link, AuditResource.link(link), null,
        Action.ASSETS_READ, noSuchLink)).isSameAs(noSuchLink);
    int reads = members.reads;
    assertThatThrownBy(() -> authorizer.requireOnHeld(caller("editor"), "../x", AuditResource.link("../x"), G,
        Action.ASSETS_READ, noSuchLink)).isSameAs(noSuchLink);
    assertThat(members.reads).as("a malformed id is refused without a read").isEqualTo(reads);
    assertThat(audit).extracting(AuditEvent::actor, AuditEvent::resource).containsExactly(
        org.assertj.core.groups.Tuple.tuple("reader", "link:" + link),
        org.assertj.core.groups.Tuple.tuple("stranger", "link:" + link),
        org.assertj.core.groups.Tuple.tuple("editor", "link:" + link),
        org.assertj.core.groups.Tuple.tuple("editor", "link:../x"));
  }

  @Test
  void require_shouldAnswer404ForNonMembersAnd403ForLowRoles_andAuditBoth() {
    members.roles.put(G + "/reader", Role.READ_ONLY);
    assertThatThrownBy(() -> authorizer.require(caller("stranger"), G, Action.GROUP_READ))
        .isInstanceOf(NotFoundException.class).hasMessage("no such group");
    assertThatThrownBy(() -> authorizer.require(caller("reader"), G, Action.GROUP_UPDATE))
        .isInstanceOf(ForbiddenException.class);
    assertThat(audit).extracting(AuditEvent::actor, AuditEvent::decision, AuditEvent::role, AuditEvent::resource)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("stranger", AuditEvent.Decision.DENY, null, "group:" + G),
            org.assertj.core.groups.Tuple.tuple("reader", AuditEvent.Decision.DENY, "READ_ONLY", "group:" + G));
    assertThat(audit.get(0).requestId()).isEqualTo("req-1");
    assertThat(audit.get(0).time()).isEqualTo(CLOCK.instant());
  }

  @Test
  void require_shouldReturnTheDecidingRole() {
    members.roles.put(G + "/admin", Role.ADMIN);
    assertThat(authorizer.require(caller("admin"), G, Action.MEMBERS_MANAGE)).isEqualTo(Role.ADMIN);
    assertThat(audit).isEmpty();
  }

  @Test
  void require_membersManage_shouldLetOnlyAdminsChangeRolesOrInvite() {
    for (Role role : Role.values()) {
      members.roles.put(G + "/" + role, role);
      if (role == Role.ADMIN) {
        assertThat(authorizer.require(caller(role.name()), G, Action.MEMBERS_MANAGE)).isEqualTo(Role.ADMIN);
      } else {
        assertThatThrownBy(() -> authorizer.require(caller(role.name()), G, Action.MEMBERS_MANAGE))
            .isInstanceOf(ForbiddenException.class).hasMessage("your role " + role + " does not allow members:manage");
      }
    }
    assertThat(audit).extracting(AuditEvent::action).containsOnly("members:manage").hasSize(3);
  }

  @Test
  void requireRemoval_shouldLetAnyMemberLeave_andOnlyAdminsRemoveOthers() {
    for (Role role : Role.values()) {
      members.roles.put(G + "/" + role, role);
      assertThat(authorizer.requireRemoval(caller(role.name()), G, role.name())).isEqualTo(role);
      if (role == Role.ADMIN) {
        assertThat(authorizer.requireRemoval(caller(role.name()), G, "someone-else")).isEqualTo(Role.ADMIN);
      } else {
        assertThatThrownBy(() -> authorizer.requireRemoval(caller(role.name()), G, "someone-else"))
            .isInstanceOf(ForbiddenException.class);
      }
    }
    assertThatThrownBy(() -> authorizer.requireRemoval(caller("stranger"), G, "stranger"))
        .isInstanceOf(NotFoundException.class);
    assertThat(audit).extracting(AuditEvent::actor, AuditEvent::action, AuditEvent::decision).containsExactly(
        org.assertj.core.groups.Tuple.tuple("READ_ONLY", "members:manage", AuditEvent.Decision.DENY),
        org.assertj.core.groups.Tuple.tuple("EDIT", "members:manage", AuditEvent.Decision.DENY),
        org.assertj.core.groups.Tuple.tuple("EDIT_DELETE", "members:manage", AuditEvent.Decision.DENY),
        org.assertj.core.groups.Tuple.tuple("stranger", "group:read", AuditEvent.Decision.DENY));
  }

  @Test
  void requireOperator_shouldAdmitOperatorsAndRefuseOthers_auditingEachUseWithoutAnyRead() {
    var operator = new Caller(new Principal("op", null, "platform", Set.of("operators", "lab-x")), "r1");
    var member = new Caller(new Principal("alice", null, "acme", Set.of("lab-x")), "r2");
    members.roles.put(G + "/alice", Role.ADMIN); // no group role makes an operator
    authorizer.requireOperator(operator, "GET /ops/audit");
    assertThatThrownBy(() -> authorizer.requireOperator(member, "POST /ops/apps"))
        .isInstanceOf(ForbiddenException.class).hasMessage("this route is for platform operators only");
    assertThat(audit).extracting(AuditEvent::actor, AuditEvent::action, AuditEvent::resource, AuditEvent::decision,
            AuditEvent::role, AuditEvent::requestId, AuditEvent::time)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("op", "ops:access", "route:GET /ops/audit", AuditEvent.Decision.ALLOW,
                null, "r1", CLOCK.instant()),
            org.assertj.core.groups.Tuple.tuple("alice", "ops:access", "route:POST /ops/apps", AuditEvent.Decision.DENY,
                null, "r2", CLOCK.instant()));
    assertThat(members.reads + assets.reads).isZero();
  }

  @Test
  void operatorsOnly_shouldBeEverythingUnderOpsAndNothingElse() {
    assertThat(Authorizer.operatorsOnly("GET /ops")).isTrue();
    assertThat(Authorizer.operatorsOnly("POST /ops/assets/{assetId}/restore")).isTrue();
    assertThat(Authorizer.operatorsOnly("GET /opsx")).isFalse();
    assertThat(Authorizer.operatorsOnly("GET /groups/{groupId}/ops")).isFalse();
    assertThat(Authorizer.operatorsOnly("GET /notifications")).isFalse();
  }

  @Test
  void audited_shouldRecordChangesAndRefusals() {
    assertThat(authorizer.audited(caller("a"), AuditAction.GROUP_UPDATE, AuditResource.group(G), Role.ADMIN, () -> "done"))
        .isEqualTo("done");
    assertThatThrownBy(() -> authorizer.audited(caller("a"), AuditAction.MEMBERS_MANAGE, AuditResource.group(G).member("b"),
        Role.ADMIN, () -> {
      throw new ConflictException(ErrorCode.LAST_ADMIN, "x");
    })).isInstanceOf(ConflictException.class);
    authorizer.allowed(caller("a"), AuditAction.GROUP_DELETE, AuditResource.group(G), Role.ADMIN);
    assertThat(audit).extracting(AuditEvent::decision)
        .containsExactly(AuditEvent.Decision.ALLOW, AuditEvent.Decision.DENY, AuditEvent.Decision.ALLOW);
    assertThat(audit).extracting(AuditEvent::action, AuditEvent::resource).containsExactly(
        org.assertj.core.groups.Tuple.tuple("group:update", "group:" + G),
        org.assertj.core.groups.Tuple.tuple("members:manage", "group:" + G + "/member:b"),
        org.assertj.core.groups.Tuple.tuple("group:delete", "group:" + G));
  }

  @Test
  void decideAll_shouldAnswerInOrderWithOneReadPerDistinctGroup() {
    members.roles.put(G + "/alice", Role.READ_ONLY);
    var checks = List.of(
        new Authorizer.Check(ResourceRef.group(G), Action.ASSETS_READ),
        new Authorizer.Check(ResourceRef.group(OTHER), Action.ASSETS_READ),
        new Authorizer.Check(ResourceRef.group(G), Action.ASSETS_WRITE),
        new Authorizer.Check(new ResourceRef(ResourceRef.Type.ASSET, G), Action.ASSETS_READ),
        new Authorizer.Check(new ResourceRef(ResourceRef.Type.ASSET, ASSET), Action.ASSETS_READ));
    assets.groups.put(ASSET, G);
    assertThat(authorizer.decideAll(caller("alice").principal(), checks)).containsExactly(
        new Decision(true, Role.READ_ONLY), Decision.INVISIBLE, new Decision(false, Role.READ_ONLY), Decision.INVISIBLE,
        new Decision(true, Role.READ_ONLY));
    assertThat(members.reads).isEqualTo(2);
    assertThat(assets.reads).isEqualTo(1);
  }
}
