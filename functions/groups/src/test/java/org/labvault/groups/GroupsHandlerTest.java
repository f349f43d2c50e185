package org.labvault.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.labvault.shared.testing.Responses.body;
import static org.labvault.shared.testing.Responses.problemCode;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.labvault.groups.domain.InvitationStatus;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.auth.Role;
import org.labvault.shared.paging.PageRequest;
import org.labvault.shared.testing.EmbeddedTable;
import org.labvault.shared.testing.FakeContext;
import org.labvault.shared.testing.TestClock;

class GroupsHandlerTest {

  private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");

  private EmbeddedTable table;
  private TestClock clock;
  private TestGroupsComponent c;
  private GroupsHandler handler;

  @BeforeEach
  void setUp() {
    table = new EmbeddedTable();
    clock = new TestClock(NOW);
    c = DaggerTestGroupsComponent.factory().create(table.client(), clock, new ArrayList<>());
    handler = new GroupsHandler(c);
    Seed.group(c, NOW);
    Seed.carolInvited(c, NOW);
    c.audit().clear();
  }

  @AfterEach
  void tearDown() {
    table.close();
  }

  private APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
    return handler.handleRequest(event, new FakeContext());
  }

  private Role roleOf(String userId) {
    return c.groupRepository().member(Seed.GROUP, userId).map(m -> m.role()).orElse(null);
  }

  @ParameterizedTest
  @Event(value = "groups/create-group.json", type = APIGatewayV2HTTPEvent.class)
  void createGroup_shouldMakeTheCallerItsAdmin(APIGatewayV2HTTPEvent event) {
    var res = call(event);
    assertThat(res.getStatusCode()).isEqualTo(201);
    var group = body(res);
    assertThat(group.path("role").asText()).isEqualTo("ADMIN");
    assertThat(group.path("createdBy").asText()).isEqualTo("alice");
    String id = group.path("groupId").asText();
    assertThat(c.groupRepository().member(id, "alice").orElseThrow().role()).isEqualTo(Role.ADMIN);
    assertThat(c.groupRepository().groupsOf("alice", PageRequest.first(10)).items()).extracting(g -> g.groupId()).contains(id);
    assertThat(c.audit()).extracting(AuditEvent::action, AuditEvent::decision).containsExactly(
        org.assertj.core.groups.Tuple.tuple("group:create", AuditEvent.Decision.ALLOW));
  }

  @ParameterizedTest
  @Event(value = "groups/create-group-invalid.json", type = APIGatewayV2HTTPEvent.class)
  void createGroup_shouldRefuseAnEmptyName(APIGatewayV2HTTPEvent event) {
    var res = call(event);
    assertThat(res.getStatusCode()).isEqualTo(400);
    assertThat(body(res).path("detail").asText()).startsWith("name:");
    assertThat(c.groupRepository().groupsOf("alice", PageRequest.first(10)).items()).hasSize(1);
  }

  @ParameterizedTest
  @Event(value = "groups/list-groups.json", type = APIGatewayV2HTTPEvent.class)
  void listGroups_shouldListTheCallersGroupsWithTheirRole(APIGatewayV2HTTPEvent event) {
    var res = call(event);
    assertThat(res.getStatusCode()).isEqualTo(200);
    assertThat(body(res).path("items")).hasSize(1);
    assertThat(body(res).path("items").get(0).path("role").asText()).isEqualTo("ADMIN");
  }

  @ParameterizedTest
  @Event(value = "groups/get-group.json", type = APIGatewayV2HTTPEvent.class)
  void getGroup_shouldShowTheMemberCountAndTheCallersRole(APIGatewayV2HTTPEvent event) {
    var res = call(event);
    assertThat(res.getStatusCode()).isEqualTo(200);
    assertThat(body(res).path("memberCount").asInt()).isEqualTo(4);
    assertThat(body(res).path("role").asText()).isEqualTo("EDIT");
  }

  @ParameterizedTest
  @Event(value = "groups/get-group-not-a-member.json", type = APIGatewayV2HTTPEvent.class)
  void getGroup_shouldAnswer404ToANonMember_andAuditIt(APIGatewayV2HTTPEvent event) {
    var res = call(event);
    assertThat(res.getStatusCode()).isEqualTo(404);
    assertThat(problemCode(res)).isEqualTo("NOT_FOUND");
    assertThat(c.audit()).singleElement().satisfies(a -> {
      assertThat(a.actor()).isEqualTo("carol");
      assertThat(a.decision()).isEqualTo(AuditEvent.Decision.DENY);
      assertThat(a.role()).isNull();
      assertThat(a.requestId()).isEqualTo("req-groups-1");
    });
  }

  @ParameterizedTest
  @Event(value = "groups/update-group.json", type = APIGatewayV2HTTPEvent.class)
  void updateGroup_shouldRenameAndClearTheDescription_alsoInEveryMembersList(APIGatewayV2HTTPEvent event) {
    var res = call(event);
    assertThat(res.getStatusCode()).isEqualTo(200);
    assertThat(body(res).path("name").asText()).isEqualTo("MS lab");
    assertThat(body(res).path("description").isNull()).isTrue();
    var seenByBob = c.groupRepository().groupsOf("bob", PageRequest.first(10)).items().getFirst();
    assertThat(seenByBob.name()).isEqualTo("MS lab");
    assertThat(seenByBob.description()).isNull();
  }

  @ParameterizedTest
  @Event(value = "groups/update-group-forbidden.json", type = APIGatewayV2HTTPEvent.class)
  void updateGroup_shouldAnswer403ToAnEditor(APIGatewayV2HTTPEvent event) {
    var res = call(event);
    assertThat(res.getStatusCode()).isEqualTo(403);
    assertThat(c.groupRepository().find(Seed.GROUP).orElseThrow().name()).isEqualTo("Mass spectrometry lab");
    assertThat(c.audit()).singleElement().extracting(AuditEvent::role).isEqualTo("EDIT");
  }

  @ParameterizedTest
  @Event(value = "groups/delete-group.json", type = APIGatewayV2HTTPEvent.class)
  void deleteGroup_shouldRemoveTheGroupAndEveryMembership(APIGatewayV2HTTPEvent event) {
    var res = call(event);
    assertThat(res.getStatusCode()).isEqualTo(204);
    assertThat(c.groupRepository().find(Seed.GROUP)).isEmpty();
    for (String user : List.of("alice", "bob", "dave", "erin")) {
      assertThat(roleOf(user)).isNull();
      assertThat(c.groupRepository().groupsOf(user, PageRequest.first(10)).items()).isEmpty();
    }
    assertThat(call(event).getStatusCode()).as("deleting again").isEqualTo(404);
  }

  @ParameterizedTest
  @Event(value = "groups/delete-group.json", type = APIGatewayV2HTTPEvent.class)
  void deleteGroup_shouldRemoveItsInstrumentGrantsFromBothPartitions(APIGatewayV2HTTPEvent event) {
    var av = (java.util.function.Function<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>)
        software.amazon.awssdk.services.dynamodb.model.AttributeValue::fromS;
    String instrument = "01a2f000-0000-7000-8000-0000000000a1";
    var groupSide = java.util.Map.of("pk", av.apply(org.labvault.shared.aws.Keys.group(Seed.GROUP)),
        "sk", av.apply(org.labvault.shared.aws.Keys.instrumentGrant(instrument)));
    var instrumentSide = java.util.Map.of("pk", av.apply(org.labvault.shared.aws.Keys.instrument(instrument)),
        "sk", av.apply(org.labvault.shared.aws.Keys.grantedBy(Seed.GROUP)));
    table.client().putItem(r -> r.tableName(EmbeddedTable.NAME).item(new java.util.HashMap<>(groupSide)));
    table.client().putItem(r -> r.tableName(EmbeddedTable.NAME).item(new java.util.HashMap<>(instrumentSide)));

    assertThat(call(event).getStatusCode()).isEqualTo(204);

    assertThat(table.client().getItem(r -> r.tableName(EmbeddedTable.NAME).key(groupSide)).hasItem()).isFalse();
    assertThat(table.client().getItem(r -> r.tableName(EmbeddedTable.NAME).key(instrumentSide)).hasItem()).isFalse();
  }

  @ParameterizedTest
  @Event(value = "groups/delete-group.json", type = APIGatewayV2HTTPEvent.class)
  void deleteGroup_shouldFinishADeletionThatStoppedHalfWay(APIGatewayV2HTTPEvent event) {
    // a deletion that marked the group and then stopped: members are still there
    table.client().updateItem(r -> r.tableName(EmbeddedTable.NAME)
        .key(java.util.Map.of("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("GROUP#" + Seed.GROUP),
            "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("META")))
        .updateExpression("SET #s = :d").expressionAttributeNames(java.util.Map.of("#s", "status"))
        .expressionAttributeValues(java.util.Map.of(":d", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("DELETING"))));
    assertThat(c.groupRepository().find(Seed.GROUP)).as("invisible while deleting").isEmpty();
    assertThat(call(event).getStatusCode()).isEqualTo(204);
    for (String user : List.of("alice", "bob", "dave", "erin")) {
      assertThat(roleOf(user)).isNull();
    }
    assertThat(table.client().query(r -> r.tableName(EmbeddedTable.NAME).keyConditionExpression("pk = :pk")
        .expressionAttributeValues(java.util.Map.of(":pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("GROUP#" + Seed.GROUP))))
        .items()).isEmpty();
  }

  @ParameterizedTest
  @Event(value = "groups/delete-group.json", type = APIGatewayV2HTTPEvent.class)
  void deleteGroup_shouldAnswer409WhileTheGroupHoldsAssets(APIGatewayV2HTTPEvent event) {
    table.client().updateItem(r -> r.tableName(EmbeddedTable.NAME)
        .key(java.util.Map.of("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("GROUP#" + Seed.GROUP),
            "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("META")))
        .updateExpression("SET assetCount = :n")
        .expressionAttributeValues(java.util.Map.of(":n", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN("2"))));
    var res = call(event);
    assertThat(res.getStatusCode()).isEqualTo(409);
    assertThat(problemCode(res)).isEqualTo("GROUP_NOT_EMPTY");
    assertThat(c.groupRepository().find(Seed.GROUP)).isPresent();
    assertThat(roleOf("bob")).isEqualTo(Role.EDIT);
  }

  @ParameterizedTest
  @Event(value = "groups/list-members.json", type = APIGatewayV2HTTPEvent.class)
  void listMembers_shouldBeOpenToReadOnlyMembers(APIGatewayV2HTTPEvent event) {
    var res = call(event);
    assertThat(res.getStatusCode()).isEqualTo(200);
    assertThat(body(res).path("items")).extracting(i -> i.path("userId").asText())
        .containsExactlyInAnyOrder("alice", "bob", "dave", "erin");
  }

  @ParameterizedTest
  @Event(value = "groups/change-role.json", type = APIGatewayV2HTTPEvent.class)
  void changeRole_shouldGiveTheMemberTheNewRole(APIGatewayV2HTTPEvent event) {
    var res = call(event);
    assertThat(res.getStatusCode()).isEqualTo(200);
    assertThat(body(res).path("role").asText()).isEqualTo("EDIT_DELETE");
    assertThat(roleOf("bob")).isEqualTo(Role.EDIT_DELETE);
    assertThat(c.groupRepository().groupsOf("bob", PageRequest.first(10)).items().getFirst().role()).isEqualTo(Role.EDIT_DELETE);
    // the role given is in the audited resource (a grant of ADMIN raises an alarm from the trail)
    assertThat(c.audit()).singleElement().satisfies(a -> {
      assertThat(a.action()).isEqualTo("members:manage");
      assertThat(a.resource()).isEqualTo("group:" + Seed.GROUP + "/member:bob/role:EDIT_DELETE");
      assertThat(a.decision()).isEqualTo(AuditEvent.Decision.ALLOW);
    });
  }

  @ParameterizedTest
  @Event(value = "groups/change-own-role.json", type = APIGatewayV2HTTPEvent.class)
  void changeRole_shouldRefuseAChangeOfOnesOwnRole(APIGatewayV2HTTPEvent event) {
    var res = call(event);
    assertThat(res.getStatusCode()).isEqualTo(403);
    assertThat(roleOf("alice")).isEqualTo(Role.ADMIN);
    assertThat(c.audit()).singleElement().extracting(AuditEvent::decision).isEqualTo(AuditEvent.Decision.DENY);
  }

  @ParameterizedTest
  @Event(value = "groups/remove-member.json", type = APIGatewayV2HTTPEvent.class)
  void removeMember_shouldRemoveThemAndRefuseTheirVeryNextRequest(APIGatewayV2HTTPEvent event) {
    assertThat(call(event).getStatusCode()).isEqualTo(204);
    assertThat(roleOf("dave")).isNull();
    var daveReads = org.labvault.shared.testing.ApiEvent.route("GET /groups/{groupId}").as("dave", "acme")
        .path("groupId", Seed.GROUP).build();
    assertThat(call(daveReads).getStatusCode()).isEqualTo(404);
    assertThat(c.groupRepository().find(Seed.GROUP).orElseThrow().memberCount()).isEqualTo(3);
  }

  @ParameterizedTest
  @Event(value = "groups/leave-group.json", type = APIGatewayV2HTTPEvent.class)
  void leave_shouldLetAnyMemberLeave(APIGatewayV2HTTPEvent event) {
    assertThat(call(event).getStatusCode()).isEqualTo(204);
    assertThat(roleOf("bob")).isNull();
    assertThat(c.groupRepository().groupsOf("bob", PageRequest.first(10)).items()).isEmpty();
  }

  @ParameterizedTest
  @Event(value = "groups/last-admin-leaves.json", type = APIGatewayV2HTTPEvent.class)
  void leave_shouldRefuseTheLastAdmin(APIGatewayV2HTTPEvent event) {
    var res = call(event);
    assertThat(res.getStatusCode()).isEqualTo(409);
    assertThat(problemCode(res)).isEqualTo("LAST_ADMIN");
    assertThat(roleOf("alice")).isEqualTo(Role.ADMIN);
  }

  @ParameterizedTest
  @Event(value = "groups/invite.json", type = APIGatewayV2HTTPEvent.class)
  void invite_shouldAnswer409_whileAnInvitationIsOpen_andInviteAgainAfterItExpires(APIGatewayV2HTTPEvent event) {
    var res = call(event);
    assertThat(res.getStatusCode()).isEqualTo(409);
    assertThat(problemCode(res)).isEqualTo("ALREADY_INVITED");
    clock.advance(Duration.ofDays(7));
    var again = call(event);
    assertThat(again.getStatusCode()).isEqualTo(201);
    assertThat(body(again).path("status").asText()).isEqualTo("PENDING");
    assertThat(body(again).path("expiresAt").asText()).isEqualTo("2026-12-07T08:00:00Z");
  }

  @ParameterizedTest
  @Event(value = "groups/invite-forbidden.json", type = APIGatewayV2HTTPEvent.class)
  void invite_shouldAnswer403ToAnEditor(APIGatewayV2HTTPEvent event) {
    var res = call(event);
    assertThat(res.getStatusCode()).isEqualTo(403);
  }

  @ParameterizedTest
  @Event(value = "groups/revoke-invitation.json", type = APIGatewayV2HTTPEvent.class)
  void revoke_shouldCloseTheInvitation(APIGatewayV2HTTPEvent event) {
    assertThat(call(event).getStatusCode()).isEqualTo(204);
    assertThat(c.invitationRepository().find(Seed.INVITATION).orElseThrow().status()).isEqualTo(InvitationStatus.REVOKED);
    assertThat(c.invitationRepository().openFor("carol", NOW, PageRequest.first(10)).items()).isEmpty();
    assertThat(call(event).getStatusCode()).as("revoking again changes nothing").isEqualTo(204);
  }

  @ParameterizedTest
  @Event(value = "groups/my-invitations.json", type = APIGatewayV2HTTPEvent.class)
  void myInvitations_shouldListOpenOnes_andNotExpiredOnes(APIGatewayV2HTTPEvent event) {
    assertThat(body(call(event)).path("items")).singleElement()
        .satisfies(i -> assertThat(i.path("groupName").asText()).isEqualTo("Mass spectrometry lab"));
    clock.advance(Invitation7Days.PLUS_ONE_SECOND);
    assertThat(body(call(event)).path("items")).isEmpty();
  }

  @ParameterizedTest
  @Event(value = "groups/accept-invitation.json", type = APIGatewayV2HTTPEvent.class)
  void accept_shouldMakeTheInviteeAMember_once(APIGatewayV2HTTPEvent event) {
    var res = call(event);
    assertThat(res.getStatusCode()).isEqualTo(200);
    assertThat(body(res).path("role").asText()).isEqualTo("READ_ONLY");
    assertThat(roleOf("carol")).isEqualTo(Role.READ_ONLY);
    assertThat(c.groupRepository().find(Seed.GROUP).orElseThrow().memberCount()).isEqualTo(5);
    assertThat(c.audit()).singleElement().satisfies(a -> {
      assertThat(a.action()).isEqualTo("invitations:accept");
      assertThat(a.resource()).startsWith("group:" + Seed.GROUP + "/invitation:").endsWith("/role:READ_ONLY");
    });
    assertThat(call(event).getStatusCode()).as("accepting again").isEqualTo(200);
    assertThat(c.groupRepository().find(Seed.GROUP).orElseThrow().memberCount()).isEqualTo(5);
    // no change, no second record: accepting an ADMIN invitation again must not raise ADMIN_GRANTED again
    assertThat(c.audit()).hasSize(1);
  }

  @ParameterizedTest
  @Event(value = "groups/accept-invitation.json", type = APIGatewayV2HTTPEvent.class)
  void accept_shouldAnswer409_afterSevenDays(APIGatewayV2HTTPEvent event) {
    clock.advance(Duration.ofDays(7));
    var res = call(event);
    assertThat(res.getStatusCode()).isEqualTo(409);
    assertThat(problemCode(res)).isEqualTo("INVITATION_EXPIRED");
    assertThat(roleOf("carol")).isNull();
  }

  @ParameterizedTest
  @Event(value = "groups/accept-invitation.json", type = APIGatewayV2HTTPEvent.class)
  void accept_shouldAnswer404ToAnyoneButTheInvitee(APIGatewayV2HTTPEvent event) {
    event.getRequestContext().getAuthorizer().getJwt().getClaims().put("sub", "mallory");
    assertThat(call(event).getStatusCode()).isEqualTo(404);
    assertThat(roleOf("mallory")).isNull();
    assertThat(c.invitationRepository().find(Seed.INVITATION).orElseThrow().status()).isEqualTo(InvitationStatus.PENDING);
  }

  @ParameterizedTest
  @Event(value = "groups/decline-invitation.json", type = APIGatewayV2HTTPEvent.class)
  void decline_shouldCloseTheInvitationAndNotJoin(APIGatewayV2HTTPEvent event) {
    assertThat(call(event).getStatusCode()).isEqualTo(204);
    assertThat(c.invitationRepository().find(Seed.INVITATION).orElseThrow().status()).isEqualTo(InvitationStatus.DECLINED);
    assertThat(roleOf("carol")).isNull();
    var accept = org.labvault.shared.testing.ApiEvent.route("POST /invitations/{invitationId}/accept").as("carol", "globex")
        .path("invitationId", Seed.INVITATION).build();
    assertThat(problemCode(call(accept))).isEqualTo("INVITATION_CLOSED");
  }

  // ---- the group's pending invitations, and invitations that outlive their inviter

  @org.junit.jupiter.api.Test
  void theMemberRoutes_shouldRefuseAnInstrumentsIdWithA400() {
    String instrument = "instrument:01a2f000-0000-7000-8000-0000000000a1";
    // a granted instrument's grant is read by the authorization path like a membership: it must
    // never be changed, removed or invited through the member routes
    table.client().putItem(r -> r.tableName(EmbeddedTable.NAME).item(java.util.Map.of(
        "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("GROUP#" + Seed.GROUP),
        "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(
            org.labvault.shared.aws.Keys.member(instrument)),
        "role", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("EDIT"))));
    var patch = call(as("PATCH /groups/{groupId}/members/{userId}", "alice").path("userId", instrument)
        .json("{\"role\":\"ADMIN\"}").build());
    var remove = call(as("DELETE /groups/{groupId}/members/{userId}", "alice").path("userId", instrument).build());
    var invite = call(as("POST /groups/{groupId}/invitations", "alice")
        .json("{\"userId\":\"" + instrument + "\",\"role\":\"EDIT\"}").build());

    for (var res : java.util.List.of(patch, remove, invite)) {
      assertThat(res.getStatusCode()).as(res.getBody()).isEqualTo(400);
      assertThat(res.getBody()).contains("VALIDATION").contains("userId");
    }
    assertThat(c.audit()).isEmpty();
  }

  private static org.labvault.shared.testing.ApiEvent as(String route, String userId) {
    return org.labvault.shared.testing.ApiEvent.route(route).as(userId, "acme").path("groupId", Seed.GROUP);
  }

  private APIGatewayV2HTTPResponse accept(String invitationId, String userId) {
    return call(org.labvault.shared.testing.ApiEvent.route("POST /invitations/{invitationId}/accept").as(userId, "globex")
        .path("invitationId", invitationId).build());
  }

  /** erin becomes a second ADMIN and invites mallory as ADMIN: the accomplice's invitation. */
  private String erinInvitesMalloryAsAdmin() {
    c.groupRepository().changeRole(Seed.GROUP, "erin", Role.ADMIN, "alice");
    var res = call(as("POST /groups/{groupId}/invitations", "erin").json("{\"userId\":\"mallory\",\"role\":\"ADMIN\"}").build());
    assertThat(res.getStatusCode()).isEqualTo(201);
    return body(res).path("invitationId").asText();
  }

  @ParameterizedTest
  @Event(value = "groups/list-group-invitations.json", type = APIGatewayV2HTTPEvent.class)
  void listGroupInvitations_shouldListThePendingOnesWithWhoInvited(APIGatewayV2HTTPEvent event) {
    var res = call(event);
    assertThat(res.getStatusCode()).isEqualTo(200);
    assertThat(body(res).path("items")).singleElement().satisfies(i -> {
      assertThat(i.path("invitationId").asText()).isEqualTo(Seed.INVITATION);
      assertThat(i.path("userId").asText()).isEqualTo("carol");
      assertThat(i.path("invitedBy").asText()).isEqualTo("alice");
      assertThat(i.path("status").asText()).isEqualTo("PENDING");
    });
    assertThat(c.audit()).as("reading is not a change").isEmpty();
  }

  @ParameterizedTest
  @Event(value = "groups/list-group-invitations.json", type = APIGatewayV2HTTPEvent.class)
  void listGroupInvitations_shouldLeaveOutExpiredAndClosedOnes_andPage(APIGatewayV2HTTPEvent event) {
    erinInvitesMalloryAsAdmin();
    call(as("POST /groups/{groupId}/invitations", "alice").json("{\"userId\":\"zoe\",\"role\":\"EDIT\"}").build());
    call(as("DELETE /groups/{groupId}/invitations/{invitationId}", "alice").path("invitationId", Seed.INVITATION).build());

    var first = call(as("GET /groups/{groupId}/invitations", "alice").query("limit", "1").build());
    assertThat(body(first).path("items")).hasSize(1);
    String token = body(first).path("nextToken").asText();
    var second = call(as("GET /groups/{groupId}/invitations", "alice").query("limit", "1").query("nextToken", token).build());
    List<String> invitees = new ArrayList<>();
    body(first).path("items").forEach(i -> invitees.add(i.path("userId").asText()));
    body(second).path("items").forEach(i -> invitees.add(i.path("userId").asText()));
    assertThat(invitees).containsExactlyInAnyOrder("mallory", "zoe");

    clock.advance(Invitation7Days.PLUS_ONE_SECOND);
    assertThat(body(call(event)).path("items")).isEmpty();
  }

  @ParameterizedTest
  @Event(value = "groups/list-group-invitations.json", type = APIGatewayV2HTTPEvent.class)
  void listGroupInvitations_shouldAnswer403ToLowerRoles_and404ToNonMembers(APIGatewayV2HTTPEvent event) {
    for (String member : List.of("erin", "bob", "dave")) {
      event.getRequestContext().getAuthorizer().getJwt().getClaims().put("sub", member);
      var res = call(event);
      assertThat(res.getStatusCode()).as(member).isEqualTo(403);
      assertThat(res.getBody()).doesNotContain("carol");
    }
    for (String outsider : List.of("carol", "mallory")) {
      event.getRequestContext().getAuthorizer().getJwt().getClaims().put("sub", outsider);
      var res = call(event);
      assertThat(res.getStatusCode()).as(outsider).isEqualTo(404);
      assertThat(problemCode(res)).isEqualTo("NOT_FOUND");
    }
    var otherGroup = call(as("GET /groups/{groupId}/invitations", "alice").path("groupId", "01a207c8-24bd-7da8-965e-feee279db2cd").build());
    assertThat(otherGroup.getStatusCode()).isEqualTo(404);
  }

  @ParameterizedTest
  @Event(value = "groups/remove-member.json", type = APIGatewayV2HTTPEvent.class)
  void removeMember_shouldCloseTheInvitationsTheRemovedAdminMade(APIGatewayV2HTTPEvent event) {
    // given
    String accomplice = erinInvitesMalloryAsAdmin();
    event.getPathParameters().put("userId", "erin");
    // when alice removes erin, and mallory then accepts
    assertThat(call(event).getStatusCode()).isEqualTo(204);
    var res = accept(accomplice, "mallory");
    // then
    assertThat(res.getStatusCode()).isEqualTo(409);
    assertThat(problemCode(res)).isEqualTo("INVITATION_CLOSED");
    assertThat(roleOf("mallory")).isNull();
    assertThat(c.invitationRepository().find(accomplice).orElseThrow().status()).isEqualTo(InvitationStatus.REVOKED);
    assertThat(c.invitationRepository().openFor("mallory", NOW, PageRequest.first(10)).items()).isEmpty();
    assertThat(body(call(as("GET /groups/{groupId}/invitations", "alice").build())).path("items"))
        .extracting(i -> i.path("userId").asText()).containsExactly("carol");
    assertThat(c.invitationRepository().find(Seed.INVITATION).orElseThrow().status()).as("alice's stays open")
        .isEqualTo(InvitationStatus.PENDING);
  }

  @ParameterizedTest
  @Event(value = "groups/change-role.json", type = APIGatewayV2HTTPEvent.class)
  void changeRole_shouldCloseTheInvitationsOfADemotedAdmin_forGood(APIGatewayV2HTTPEvent event) {
    // given
    String accomplice = erinInvitesMalloryAsAdmin();
    event.getPathParameters().put("userId", "erin");
    // when alice demotes erin, promotes her again, and mallory then accepts
    assertThat(call(event).getStatusCode()).isEqualTo(200);
    assertThat(roleOf("erin")).isEqualTo(Role.EDIT_DELETE);
    c.groupRepository().changeRole(Seed.GROUP, "erin", Role.ADMIN, "alice");
    var res = accept(accomplice, "mallory");
    // then
    assertThat(problemCode(res)).isEqualTo("INVITATION_CLOSED");
    assertThat(roleOf("mallory")).isNull();
    assertThat(c.groupRepository().find(Seed.GROUP).orElseThrow().memberCount()).isEqualTo(4);
  }

  @ParameterizedTest
  @Event(value = "groups/accept-invitation.json", type = APIGatewayV2HTTPEvent.class)
  void accept_shouldAnswer409_whenTheInviterIsNoLongerAnAdmin_evenIfTheInvitationWasNotClosed(APIGatewayV2HTTPEvent event) {
    // given alice's role changes behind the service's back, so nothing closed carol's invitation
    c.groupRepository().changeRole(Seed.GROUP, "erin", Role.ADMIN, "alice");
    table.client().updateItem(r -> r.tableName(EmbeddedTable.NAME)
        .key(java.util.Map.of("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("GROUP#" + Seed.GROUP),
            "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("MEMBER#alice")))
        .updateExpression("SET #r = :r").expressionAttributeNames(java.util.Map.of("#r", "role"))
        .expressionAttributeValues(java.util.Map.of(":r", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("EDIT"))));
    // when
    var res = call(event);
    // then
    assertThat(res.getStatusCode()).isEqualTo(409);
    assertThat(problemCode(res)).isEqualTo("INVITATION_CLOSED");
    assertThat(roleOf("carol")).isNull();
    assertThat(c.groupRepository().find(Seed.GROUP).orElseThrow().memberCount()).isEqualTo(4);
  }

  @ParameterizedTest
  @Event(value = "groups/change-role.json", type = APIGatewayV2HTTPEvent.class)
  void changeRole_shouldCloseEveryPendingInvitationOfADemotedAdmin_evenMoreThanOneTransactionHolds(APIGatewayV2HTTPEvent event) {
    // given erin made more invitations than one transaction can close with the demotion
    c.groupRepository().changeRole(Seed.GROUP, "erin", Role.ADMIN, "alice");
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      var inv = new org.labvault.groups.domain.Invitation(java.util.UUID.randomUUID().toString(), Seed.GROUP,
          "Mass spectrometry lab", "guest-" + i, Role.ADMIN, InvitationStatus.PENDING, NOW, "erin", NOW.plus(Duration.ofDays(7)));
      c.invitationRepository().create(inv, "erin", NOW);
      made.add(inv.invitationId());
    }
    event.getPathParameters().put("userId", "erin");
    // when
    assertThat(call(event).getStatusCode()).isEqualTo(200);
    // then
    for (String id : made) {
      assertThat(c.invitationRepository().find(id).orElseThrow().status()).as(id).isEqualTo(InvitationStatus.REVOKED);
    }
    assertThat(problemCode(accept(made.getLast(), "guest-39"))).isEqualTo("INVITATION_CLOSED");
    assertThat(body(call(as("GET /groups/{groupId}/invitations", "alice").build())).path("items"))
        .extracting(i -> i.path("userId").asText()).containsExactly("carol");
  }

  /** Seven days and a second. */
  private static final class Invitation7Days {
    static final Duration PLUS_ONE_SECOND = Duration.ofDays(7).plusSeconds(1);
  }
}
