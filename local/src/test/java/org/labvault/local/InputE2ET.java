package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.labvault.local.testing.HttpApi;
import org.labvault.local.testing.StackExtension;
import org.labvault.local.testing.Uploads;
import org.labvault.shared.json.Json;

/**
 * Input a signed-in user controls, sent through the local HTTP API: claims, bodies, page tokens,
 * path ids and text. Each answer is a 400 or 403 problem, never a 500, and nothing is stored.
 */
class InputE2ET {

  @RegisterExtension static final StackExtension STACK = new StackExtension();
  static HttpApi api;
  static String alice;
  static String operator;

  /** Routes of the template that take no body: whatever is sent, they do not read it. */
  private static final Set<String> NO_BODY =
      Set.of("POST /invitations/{invitationId}/accept", "POST /invitations/{invitationId}/decline",
          "POST /app-links/{linkId}/confirm-deletion", "POST /ops/backups/run", "POST /ops/backups/verify", "POST /ops/audit/verify",
          "POST /ops/audit/digests", "POST /ops/assets/{assetId}/restore", "PUT /groups/{groupId}/instruments/{instrumentId}");

  @BeforeAll
  static void users() {
    api = STACK.api();
    alice = api.token("alice", "acme");
    operator = api.token("op-1", "platform", "operators");
  }

  private static String tokenWithGroups(String sub, List<String> groups) {
    var issued = api.postJson("/local/tokens", null, Json.instance().write(Map.of("sub", sub, "groups", groups)));
    assertThat(issued.status()).as(issued.body()).isEqualTo(200);
    return issued.json().path("token").asText();
  }

  private static String notice(String message) {
    String endsAt = Instant.now().plus(java.time.Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS).toString();
    return "{\"message\":\"" + message + "\",\"severity\":\"INFO\",\"endsAt\":\"" + endsAt + "\"}";
  }

  @Test
  void groupNamesThatOnlyLookLikeOperatorsDoNotOpenOps() {
    String message = "lookalike " + UUID.randomUUID();
    // Cognito group names may hold commas, quotes and brackets (never whitespace): each is one name
    for (List<String> groups : List.of(List.of("x,operators"), List.of("\"operators\""), List.of("operators,x"),
        List.of("[operators]"), List.of("x", "\"operators\""), List.of("'operators'"), List.of("Operators"))) {
      var answer = api.postJson("/ops/notifications", tokenWithGroups("mallory", groups), notice(message));
      assertThat(answer.status()).as(groups.toString()).isEqualTo(403);
      assertThat(answer.problemCode()).isEqualTo("FORBIDDEN");
    }
    var seen = api.get("/notifications?limit=100", alice);
    assertThat(seen.body()).doesNotContain(message);
    // the real group, also among others, still opens it
    var posted = api.postJson("/ops/notifications", tokenWithGroups("op-2", List.of("lab", "operators")), notice(message));
    assertThat(posted.status()).as(posted.body()).isEqualTo(201);
  }

  /** Every POST, PUT and PATCH route of the template as the running stack read it (no list kept here). */
  static Stream<Arguments> bodyRoutes() {
    return STACK.stack().model().routes().stream()
        .filter(r -> Set.of("POST", "PUT", "PATCH").contains(r.method()) && !NO_BODY.contains(r.routeKey()))
        .flatMap(r -> Stream.of("null", "[]", "\"x\"", "1", "true", "[{}]").map(body -> Arguments.of(r.routeKey(), r.path(), body)));
  }

  @ParameterizedTest(name = "{0} with {2}")
  @MethodSource("bodyRoutes")
  void everyRouteThatReadsABodyRefusesJsonThatIsNotAnObject(String routeKey, String path, String body) {
    String concrete = path.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
    var answer = api.send(routeKey.substring(0, routeKey.indexOf(' ')), concrete, operator, body, "application/json");
    assertThat(answer.status()).as(routeKey + " " + body + ": " + answer.body()).isEqualTo(400);
    assertThat(answer.problemCode()).isEqualTo("VALIDATION");
    assertThat(answer.json().path("detail").asText()).isEqualTo("body: must be a JSON object");
  }

  @Test
  void theTemplateHasBodyRoutesInEveryApiFunction() {
    assertThat(bodyRoutes().map(a -> (String) a.get()[0]).distinct())
        .contains("POST /groups", "POST /groups/{groupId}/invitations", "PATCH /groups/{groupId}/members/{userId}",
            "POST /groups/{groupId}/assets", "POST /permissions/check", "POST /ops/notifications");
  }

  private static String unsigned(String raw) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void handMadePageTokensAre400_beforeDynamoDbSeesThem() {
    String group = api.createGroup(alice, "tokens");
    String members = "/groups/" + group + "/members";
    String assets = "/groups/" + group + "/assets";
    String gpk = "GROUP#" + group;
    List<String> forged = List.of(
        unsigned("pk\u001f" + gpk + "\u001e"),                                    // a key without sk
        unsigned("pk\u001f" + gpk + "\u001esk\u001f\u001e"),                      // an empty sk
        unsigned("pk\u001f" + gpk + "\u001esk\u001fMEMBER#a\u001ex\u001fy\u001e"), // an extra attribute
        unsigned("{\"pk\":\"" + gpk + "\"}") + "." + unsigned("x".repeat(32)),   // the new shape, a made-up MAC
        unsigned("{\"pk\":\"" + gpk + "\",\"sk\":\"\"}") + "." + unsigned("x".repeat(32)));
    for (String token : forged) {
      for (String list : List.of(members, "/groups", "/invitations", "/notifications", assets)) {
        var answer = api.get(list + "?nextToken=" + token, alice);
        assertThat(answer.status()).as(list + " " + token + ": " + answer.body()).isEqualTo(400);
        assertThat(answer.json().path("detail").asText()).isEqualTo("nextToken: is not a token this list issued");
      }
    }
    var onlyGsi = api.get(assets + "?nextToken=" + unsigned("gsi1pk\u001fASSETS#" + group + "#LIVE\u001e"), alice);
    assertThat(onlyGsi.status()).as(onlyGsi.body()).isEqualTo(400);
  }

  @Test
  void aGenuineTokenIsValidOnlyForTheListThatIssuedIt() {
    String first = api.createGroup(alice, "first");
    String second = api.createGroup(alice, "second");
    for (String group : List.of(first, second)) {
      api.addMember(alice, group, "bob-" + group, api.token("bob-" + group, "acme"), "READ_ONLY");
    }
    var page = api.get("/groups/" + first + "/members?limit=1", alice);
    String next = page.json().path("nextToken").asText();
    assertThat(next).isNotBlank();
    assertThat(api.get("/groups/" + first + "/members?limit=1&nextToken=" + next, alice).status()).isEqualTo(200);
    var otherGroup = api.get("/groups/" + second + "/members?limit=1&nextToken=" + next, alice);
    assertThat(otherGroup.status()).isEqualTo(400);
    assertThat(otherGroup.problemCode()).isEqualTo("VALIDATION");
    assertThat(api.get("/groups?nextToken=" + next, alice).status()).isEqualTo(400);
    var myGroups = api.get("/groups?limit=1", alice).json().path("nextToken").asText();
    assertThat(api.get("/groups?nextToken=" + myGroups, api.token("bob-" + first, "acme")).status())
        .as("another caller's list").isEqualTo(400);
  }

  @Test
  void theTokenKeyIsGeneratedOnceAndKeptForTheOwnerOnly() throws Exception {
    Path secret = STACK.stateDir().resolve("identity").resolve("secrets").resolve("PageTokenSecret");
    assertThat(Files.readString(secret)).matches("[A-Za-z0-9]{64}");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
    assertThat(STACK.stack().model().functions().get("GroupsFunction").environment())
        .containsEntry("PAGE_TOKEN_KEY", Files.readString(secret));
  }

  @Test
  void idsLongerThanAnyKeyAre400_notAFailureOfDynamoDb() {
    String group = api.createGroup(alice, "long ids");
    var removal = api.send("DELETE", "/groups/" + group + "/members/" + "u".repeat(1018), alice, null, null);
    assertThat(removal.status()).as(removal.body()).isEqualTo(400);
    assertThat(removal.problemCode()).isEqualTo("VALIDATION");
    assertThat(removal.json().path("detail").asText()).isEqualTo("userId: must be at most 256 characters");
    var role = api.send("PATCH", "/groups/" + group + "/members/" + "u".repeat(1018), alice, "{\"role\":\"EDIT\"}", "application/json");
    assertThat(role.status()).isEqualTo(400);
    var longGroup = api.get("/groups/" + "g".repeat(2000), alice);
    assertThat(longGroup.status()).isEqualTo(400);
    assertThat(longGroup.json().path("detail").asText()).startsWith("groupId:");
    // a verified token whose subject is too long for a key
    String longSub = STACK.stack().issuer().issue("s".repeat(1018), null, "acme", List.of(), 600).token();
    var mine = api.get("/groups", longSub);
    assertThat(mine.status()).as(mine.body()).isEqualTo(400);
    assertThat(mine.json().path("detail").asText()).startsWith("sub:");
  }

  @Test
  void anAssetDeclarationWithTextThatWouldChangeOrNeverUploadIsRefused_andBlocksNothing() {
    String group = api.createGroup(alice, "text");
    byte[] bytes = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
    String sha = Uploads.sha256(bytes);
    String rest = ",\"sizeBytes\":" + bytes.length + ",\"sha256\":\"" + sha + "\"}";
    var surrogate = api.postJson("/groups/" + group + "/assets", alice,
        "{\"name\":\"run\\ud800.csv\",\"contentType\":\"text/csv\"" + rest);
    assertThat(surrogate.status()).as(surrogate.body()).isEqualTo(400);
    assertThat(surrogate.problemCode()).isEqualTo("VALIDATION");
    assertThat(surrogate.json().path("detail").asText()).startsWith("name:");
    var nonAscii = api.postJson("/groups/" + group + "/assets", alice,
        "{\"name\":\"run.csv\",\"contentType\":\"text/plain; charset=\\\"\u00e9\\\"\"" + rest);
    assertThat(nonAscii.status()).as(nonAscii.body()).isEqualTo(400);
    assertThat(nonAscii.json().path("detail").asText()).startsWith("contentType:");
    var badParameter = api.postJson("/groups/" + group + "/assets", alice,
        "{\"name\":\"run.csv\",\"contentType\":\"text/plain; charset\"" + rest);
    assertThat(badParameter.status()).isEqualTo(400);

    assertThat(api.get("/groups/" + group + "/assets", alice).json().path("items")).isEmpty();
    assertThat(api.send("DELETE", "/groups/" + group, alice, null, null).status()).as("no pending asset holds the group")
        .isEqualTo(204);
  }
}
