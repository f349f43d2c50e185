package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.labvault.local.testing.HttpApi;
import org.labvault.local.testing.StackExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Groups, invitations and permission checks over HTTP, with three users in two tenants: alice and
 * bob of acme, carol of globex.
 */
class GroupsE2ET {

  @RegisterExtension static final StackExtension STACK = new StackExtension();
  static HttpApi api;
  static String alice;
  static String bob;
  static String carol;

  @BeforeAll
  static void users() {
    api = STACK.api();
    alice = api.token("alice", "acme");
    bob = api.token("bob", "acme");
    carol = api.token("carol", "globex");
  }

  // ---- helpers

  static String createGroup(String token, String name) {
    var res = api.postJson("/groups", token, "{\"name\":\"" + name + "\"}");
    assertThat(res.status()).as(res.body()).isEqualTo(201);
    return res.json().path("groupId").asText();
  }

  static String invite(String admin, String groupId, String userId, String role) {
    var res = api.postJson("/groups/" + groupId + "/invitations", admin, "{\"userId\":\"" + userId + "\",\"role\":\"" + role + "\"}");
    assertThat(res.status()).as(res.body()).isEqualTo(201);
    return res.json().path("invitationId").asText();
  }

  /** alice's group with {@code userId} as a member of {@code role}. */
  static String groupWith(String userToken, String userId, String role) {
    String g = createGroup(alice, "lab " + role);
    String inv = invite(alice, g, userId, role);
    assertThat(api.postJson("/invitations/" + inv + "/accept", userToken, null).status()).isEqualTo(200);
    return g;
  }

  static HttpApi.Answer call(String method, String path, String token, String json) {
    return api.send(method, path, token, json, json == null ? null : "application/json");
  }

  /** Every group route, as the given caller would send it. */
  static Map<String, HttpApi.Answer> everyRoute(String g, String invitationId, String token) {
    Map<String, HttpApi.Answer> answers = new java.util.LinkedHashMap<>();
    answers.put("GET group", call("GET", "/groups/" + g, token, null));
    answers.put("GET members", call("GET", "/groups/" + g + "/members", token, null));
    answers.put("GET invitations", call("GET", "/groups/" + g + "/invitations", token, null));
    answers.put("PATCH group", call("PATCH", "/groups/" + g, token, "{\"name\":\"taken over\"}"));
    answers.put("POST invitation", call("POST", "/groups/" + g + "/invitations", token, "{\"userId\":\"mallory\",\"role\":\"ADMIN\"}"));
    answers.put("PATCH member", call("PATCH", "/groups/" + g + "/members/alice", token, "{\"role\":\"READ_ONLY\"}"));
    answers.put("DELETE member", call("DELETE", "/groups/" + g + "/members/alice", token, null));
    answers.put("DELETE invitation", call("DELETE", "/groups/" + g + "/invitations/" + invitationId, token, null));
    answers.put("DELETE group", call("DELETE", "/groups/" + g, token, null));
    return answers;
  }

  static void assertUntouched(String g) {
    var group = api.get("/groups/" + g, alice);
    assertThat(group.status()).isEqualTo(200);
    assertThat(group.json().path("name").asText()).doesNotContain("taken over");
    assertThat(group.json().path("role").asText()).isEqualTo("ADMIN");
  }

  // ---- who may do what

  @Test
  void nonMembersOfEitherTenantGetNothingFromAnyRoute() {
    String g = createGroup(alice, "private lab");
    String inv = invite(alice, g, "dave", "READ_ONLY");
    for (String outsider : List.of(bob, carol)) {
      everyRoute(g, inv, outsider).forEach((route, answer) -> {
        assertThat(answer.status()).as(route).isEqualTo(404);
        assertThat(answer.problemCode()).as(route).isEqualTo("NOT_FOUND");
        assertThat(answer.body()).as(route).doesNotContain("private lab");
      });
      assertThat(api.get("/groups", outsider).json().path("items").toString()).doesNotContain(g);
      var check = api.postJson("/permissions/check", outsider,
          "{\"checks\":[{\"resource\":\"group:" + g + "\",\"action\":\"group:read\"}]}").json().path("results").get(0);
      assertThat(check.path("allowed").asBoolean()).isFalse();
      assertThat(check.path("role").isNull()).isTrue();
    }
    assertThat(api.post("/invitations/" + inv + "/accept", bob).status()).isEqualTo(404);
    assertThat(api.post("/invitations/" + inv + "/decline", carol).status()).isEqualTo(404);
    assertUntouched(g);
  }

  @Test
  void membersOfEachLowerRoleCanReadButNotManage() {
    for (String role : List.of("READ_ONLY", "EDIT", "EDIT_DELETE")) {
      String g = groupWith(carol, "carol", role);
      String inv = invite(alice, g, "dave", "READ_ONLY");
      var answers = everyRoute(g, inv, carol);
      assertThat(answers.get("GET group").status()).as(role).isEqualTo(200);
      assertThat(answers.get("GET group").json().path("role").asText()).isEqualTo(role);
      assertThat(answers.get("GET members").status()).as(role).isEqualTo(200);
      for (String managing : List.of("GET invitations", "PATCH group", "POST invitation", "PATCH member", "DELETE member",
          "DELETE group")) {
        assertThat(answers.get(managing).status()).as(role + " " + managing).isEqualTo(403);
        assertThat(answers.get(managing).problemCode()).isEqualTo("FORBIDDEN");
      }
      // invitations are an ADMIN's business: for anyone else they do not exist
      assertThat(answers.get("DELETE invitation").status()).as(role).isEqualTo(404);
      assertUntouched(g);
      var results = api.postJson("/permissions/check", carol, "{\"checks\":["
          + "{\"resource\":\"group:" + g + "\",\"action\":\"assets:read\"},"
          + "{\"resource\":\"group:" + g + "\",\"action\":\"assets:write\"},"
          + "{\"resource\":\"group:" + g + "\",\"action\":\"assets:delete\"},"
          + "{\"resource\":\"group:" + g + "\",\"action\":\"members:manage\"}]}").json().path("results");
      assertThat(results.get(0).path("allowed").asBoolean()).isTrue();
      assertThat(results.get(1).path("allowed").asBoolean()).isEqualTo(!role.equals("READ_ONLY"));
      assertThat(results.get(2).path("allowed").asBoolean()).isEqualTo(role.equals("EDIT_DELETE"));
      assertThat(results.get(3).path("allowed").asBoolean()).isFalse();
      assertThat(results.get(3).path("role").asText()).isEqualTo(role);
    }
  }

  @Test
  void aRemovedMemberIsRefusedOnTheVeryNextRequest() {
    String g = groupWith(bob, "bob", "EDIT");
    assertThat(api.get("/groups/" + g, bob).status()).isEqualTo(200);
    assertThat(call("DELETE", "/groups/" + g + "/members/bob", alice, null).status()).isEqualTo(204);
    assertThat(api.get("/groups/" + g, bob).status()).isEqualTo(404);
    assertThat(api.postJson("/permissions/check", bob, "{\"checks\":[{\"resource\":\"group:" + g + "\",\"action\":\"group:read\"}]}")
        .json().path("results").get(0).path("allowed").asBoolean()).isFalse();
  }

  // ---- invitations

  @Test
  void anInvitationAcrossTenantsIsListedAcceptedAndGivesTheInvitedRole() {
    String g = createGroup(alice, "shared with globex");
    String inv = invite(alice, g, "carol", "EDIT");
    var mine = api.get("/invitations", carol).json().path("items");
    assertThat(mine.toString()).contains(inv).contains("shared with globex");
    assertThat(api.get("/invitations", bob).json().path("items").toString()).doesNotContain(inv);

    var accepted = api.post("/invitations/" + inv + "/accept", carol);
    assertThat(accepted.status()).isEqualTo(200);
    assertThat(accepted.json().path("role").asText()).isEqualTo("EDIT");
    assertThat(accepted.json().path("groupId").asText()).isEqualTo(g);
    assertThat(api.get("/groups/" + g, carol).json().path("memberCount").asInt()).isEqualTo(2);
    assertThat(api.get("/groups", carol).json().path("items").toString()).contains(g);
    assertThat(api.get("/invitations", carol).json().path("items").toString()).doesNotContain(inv);

    var again = api.postJson("/groups/" + g + "/invitations", alice, "{\"userId\":\"carol\",\"role\":\"EDIT\"}");
    assertThat(again.problemCode()).isEqualTo("ALREADY_MEMBER");
  }

  @Test
  void anOpenInvitationCannotBeDuplicated_declinedAndRevokedOnesCloseForGood() {
    String g = createGroup(alice, "invitations");
    String inv = invite(alice, g, "bob", "READ_ONLY");
    assertThat(api.postJson("/groups/" + g + "/invitations", alice, "{\"userId\":\"bob\",\"role\":\"EDIT\"}").problemCode())
        .isEqualTo("ALREADY_INVITED");
    assertThat(api.post("/invitations/" + inv + "/decline", bob).status()).isEqualTo(204);
    assertThat(api.post("/invitations/" + inv + "/accept", bob).problemCode()).isEqualTo("INVITATION_CLOSED");
    assertThat(api.get("/groups/" + g, bob).status()).isEqualTo(404);

    String second = invite(alice, g, "bob", "EDIT");
    assertThat(call("DELETE", "/groups/" + g + "/invitations/" + second, alice, null).status()).isEqualTo(204);
    assertThat(api.post("/invitations/" + second + "/accept", bob).problemCode()).isEqualTo("INVITATION_CLOSED");
    assertThat(call("DELETE", "/groups/" + g + "/invitations/" + second, alice, null).status()).as("revoke twice").isEqualTo(204);
  }

  @Test
  void anExpiredInvitationCannotBeAccepted_isNotListed_andCanBeRenewed() {
    String g = createGroup(alice, "expiring");
    String inv = invite(alice, g, "bob", "EDIT");
    expire(inv, g, "bob");
    assertThat(api.get("/invitations", bob).json().path("items").toString()).doesNotContain(inv);
    var late = api.post("/invitations/" + inv + "/accept", bob);
    assertThat(late.status()).isEqualTo(409);
    assertThat(late.problemCode()).isEqualTo("INVITATION_EXPIRED");
    assertThat(api.get("/groups/" + g, bob).status()).isEqualTo(404);
    String renewed = invite(alice, g, "bob", "EDIT");
    assertThat(api.post("/invitations/" + renewed + "/accept", bob).status()).isEqualTo(200);
  }

  @Test
  void theGroupsPendingInvitationsAreListedForItsAdmins_withWhoInvited() {
    String g = groupWith(bob, "bob", "ADMIN");
    String byBob = invite(bob, g, "carol", "EDIT");
    String byAlice = invite(alice, g, "dave", "READ_ONLY");
    String declined = invite(alice, g, "erin", "READ_ONLY");
    assertThat(api.post("/invitations/" + declined + "/decline", api.token("erin", "acme")).status()).isEqualTo(204);

    var listed = api.get("/groups/" + g + "/invitations", alice);
    assertThat(listed.status()).isEqualTo(200);
    Map<String, String> invitedBy = new java.util.HashMap<>();
    listed.json().path("items").forEach(i -> invitedBy.put(i.path("invitationId").asText(), i.path("invitedBy").asText()));
    assertThat(invitedBy).containsOnly(Map.entry(byBob, "bob"), Map.entry(byAlice, "alice"));
    assertThat(api.get("/groups/" + g + "/invitations", bob).json().path("items")).hasSize(2);
  }

  /**
   * The accomplice: an ADMIN invites an outsider as ADMIN, is then removed (or demoted) by another
   * ADMIN; the invitation dies with the inviter's role, so the outsider never joins.
   */
  @Test
  void anAdminInvitationDiesWithItsInvitersRole_removedOrDemoted() {
    for (String loss : List.of("removed", "demoted")) {
      String g = groupWith(bob, "bob", "ADMIN");
      String accomplice = invite(bob, g, "carol", "ADMIN");
      var taken = loss.equals("removed")
          ? call("DELETE", "/groups/" + g + "/members/bob", alice, null)
          : call("PATCH", "/groups/" + g + "/members/bob", alice, "{\"role\":\"READ_ONLY\"}");
      assertThat(taken.status()).as(loss).isIn(200, 204);

      assertThat(api.get("/invitations", carol).json().path("items").toString()).as(loss).doesNotContain(accomplice);
      assertThat(api.get("/groups/" + g + "/invitations", alice).json().path("items").toString()).as(loss).doesNotContain(accomplice);
      var accepted = api.post("/invitations/" + accomplice + "/accept", carol);
      assertThat(accepted.status()).as(loss).isEqualTo(409);
      assertThat(accepted.problemCode()).as(loss).isEqualTo("INVITATION_CLOSED");
      assertThat(api.get("/groups/" + g, carol).status()).as(loss).isEqualTo(404);
      assertThat(call("DELETE", "/groups/" + g + "/members/alice", carol, null).status()).as(loss).isEqualTo(404);
      assertThat(api.get("/groups/" + g + "/members", alice).json().path("items").toString()).as(loss).doesNotContain("carol");
      assertUntouched(g);
      if (loss.equals("demoted")) {
        // a second promotion does not bring the closed invitation back
        assertThat(call("PATCH", "/groups/" + g + "/members/bob", alice, "{\"role\":\"ADMIN\"}").status()).isEqualTo(200);
        assertThat(api.post("/invitations/" + accomplice + "/accept", carol).problemCode()).isEqualTo("INVITATION_CLOSED");
        assertThat(api.get("/groups/" + g, carol).status()).isEqualTo(404);
      }
    }
  }

  /** Seven days pass for one invitation: its stored expiry moves into the past. */
  private static void expire(String invitationId, String groupId, String userId) {
    String past = "2026-01-01T00:00:00Z";
    try (var dynamo = STACK.stack().dynamoDbClient()) {
      String table = STACK.stack().model().tables().get("DataTable").tableName();
      Map<String, AttributeValue> invKey = Map.of("pk", AttributeValue.fromS("INVITATION#" + invitationId), "sk", AttributeValue.fromS("META"));
      var item = new java.util.HashMap<>(dynamo.getItem(r -> r.tableName(table).key(invKey)).item());
      String oldSk = item.get("expiresAt").s() + "#" + invitationId;
      item.put("expiresAt", AttributeValue.fromS(past));
      dynamo.putItem(r -> r.tableName(table).item(item));
      dynamo.deleteItem(r -> r.tableName(table).key(Map.of("pk", AttributeValue.fromS("INVITEE#" + userId), "sk", AttributeValue.fromS(oldSk))));
      var copy = new java.util.HashMap<>(item);
      copy.put("pk", AttributeValue.fromS("INVITEE#" + userId));
      copy.put("sk", AttributeValue.fromS(past + "#" + invitationId));
      dynamo.putItem(r -> r.tableName(table).item(copy));
      dynamo.updateItem(r -> r.tableName(table)
          .key(Map.of("pk", AttributeValue.fromS("GROUP#" + groupId), "sk", AttributeValue.fromS("INVITEE#" + userId)))
          .updateExpression("SET expiresAt = :past").expressionAttributeValues(Map.of(":past", AttributeValue.fromS(past))));
    }
  }

  // ---- lists

  @Test
  void listsArePagedAndRefuseAnotherCallersOrGroupsToken() {
    for (int i = 0; i < 3; i++) {
      createGroup(alice, "paged " + i);
    }
    var first = api.get("/groups?limit=2", alice);
    String aliceToken = first.json().path("nextToken").asText();
    assertThat(first.json().path("items")).hasSize(2);
    assertThat(aliceToken).isNotBlank();
    assertThat(api.get("/groups?limit=2&nextToken=" + aliceToken, alice).status()).isEqualTo(200);
    var stolen = api.get("/groups?limit=2&nextToken=" + aliceToken, bob);
    assertThat(stolen.status()).isEqualTo(400);
    assertThat(stolen.json().path("detail").asText()).startsWith("nextToken:");

    String g1 = groupWith(bob, "bob", "READ_ONLY");
    String g2 = groupWith(bob, "bob", "READ_ONLY");
    invite(alice, g1, "x1", "READ_ONLY");
    String membersToken = api.get("/groups/" + g1 + "/members?limit=1", alice).json().path("nextToken").asText();
    assertThat(api.get("/groups/" + g2 + "/members?limit=1&nextToken=" + membersToken, alice).status()).isEqualTo(400);
  }

  // ---- the last ADMIN, under concurrency

  /** Runs the requests at the same moment and returns their statuses. */
  static List<Integer> race(List<java.util.function.Supplier<HttpApi.Answer>> requests) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    try (var pool = Executors.newFixedThreadPool(requests.size())) {
      List<Future<HttpApi.Answer>> futures = new ArrayList<>();
      for (var r : requests) {
        futures.add(pool.submit(() -> {
          start.await();
          return r.get();
        }));
      }
      start.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (var f : futures) {
        statuses.add(f.get().status());
      }
      return statuses;
    }
  }

  static long admins(String g) {
    var members = api.get("/groups/" + g + "/members", alice);
    if (members.status() != 200) {
      members = api.get("/groups/" + g + "/members", bob);
    }
    return java.util.stream.StreamSupport.stream(members.json().path("items").spliterator(), false)
        .filter(m -> m.path("role").asText().equals("ADMIN")).count();
  }

  @RepeatedTest(8)
  void twoAdminsDemotingEachOtherAtOnceLeaveOneAdmin() throws Exception {
    String g = groupWith(bob, "bob", "ADMIN");
    var statuses = race(List.of(
        () -> call("PATCH", "/groups/" + g + "/members/bob", alice, "{\"role\":\"EDIT\"}"),
        () -> call("PATCH", "/groups/" + g + "/members/alice", bob, "{\"role\":\"EDIT\"}")));
    assertThat(statuses).as("one demotion wins").containsOnlyOnce(200);
    assertThat(admins(g)).isEqualTo(1);
  }

  @RepeatedTest(8)
  void twoAdminsLeavingAtOnceLeaveOneAdmin() throws Exception {
    String g = groupWith(bob, "bob", "ADMIN");
    var statuses = race(List.of(
        () -> call("DELETE", "/groups/" + g + "/members/alice", alice, null),
        () -> call("DELETE", "/groups/" + g + "/members/bob", bob, null)));
    assertThat(statuses).containsExactlyInAnyOrder(204, 409);
    assertThat(admins(g)).isEqualTo(1);
  }

  @Test
  void theLastAdminCannotLeaveOrBeDemotedButCanPromoteAnotherFirst() {
    String g = groupWith(bob, "bob", "EDIT");
    var leave = call("DELETE", "/groups/" + g + "/members/alice", alice, null);
    assertThat(leave.status()).isEqualTo(409);
    assertThat(leave.problemCode()).isEqualTo("LAST_ADMIN");
    assertThat(call("PATCH", "/groups/" + g + "/members/alice", alice, "{\"role\":\"EDIT\"}").status()).isEqualTo(403);
    assertThat(call("PATCH", "/groups/" + g + "/members/bob", alice, "{\"role\":\"ADMIN\"}").status()).isEqualTo(200);
    assertThat(call("DELETE", "/groups/" + g + "/members/alice", alice, null).status()).isEqualTo(204);
    assertThat(api.get("/groups/" + g, bob).json().path("role").asText()).isEqualTo("ADMIN");
  }
}
