package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.labvault.local.testing.HttpApi;
import org.labvault.local.testing.StackExtension;

/** The Ops function through the local HTTP API, on the local DynamoDB engine and the S3 server. */
class OpsE2ET {

  @RegisterExtension static final StackExtension STACK = new StackExtension();
  static HttpApi api;
  static String operator;

  @BeforeAll
  static void tokens() {
    api = STACK.api();
    operator = api.token("op-1", "platform", "operators");
  }

  private static String notice(String message, String endsIn, String tenantsJson) {
    String endsAt = Instant.now().plus(java.time.Duration.parse(endsIn)).truncatedTo(ChronoUnit.SECONDS).toString();
    return "{\"message\":\"" + message + "\",\"severity\":\"INFO\",\"endsAt\":\"" + endsAt + "\""
        + (tenantsJson == null ? "" : ",\"tenants\":" + tenantsJson) + "}";
  }

  private static List<String> messagesSeenBy(String token) {
    List<String> seen = new ArrayList<>();
    String next = null;
    do {
      var page = api.get("/notifications?limit=100" + (next == null ? "" : "&nextToken=" + next), token);
      assertThat(page.status()).as(page.body()).isEqualTo(200);
      page.json().path("items").forEach(i -> seen.add(i.path("message").asText()));
      next = page.json().hasNonNull("nextToken") ? page.json().path("nextToken").asText() : null;
    } while (next != null);
    return seen;
  }

  @Test
  void healthIsPublicAndOk() {
    var health = api.get("/health", null);
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().path("status").asText()).isEqualTo("ok");
    assertThat(health.header("X-Request-Id")).isNotBlank();
  }

  @Test
  void anOperatorPostsANoticeAndEveryUserReadsIt() {
    String message = "maintenance " + UUID.randomUUID();
    var posted = api.postJson("/ops/notifications", operator, notice(message, "PT2H", null));
    assertThat(posted.status()).as(posted.body()).isEqualTo(201);
    assertThat(posted.json().path("createdBy").asText()).isEqualTo("op-1");
    assertThat(posted.json().path("noticeId").asText()).hasSize(36);

    assertThat(messagesSeenBy(api.token("alice", "acme"))).contains(message);
    assertThat(messagesSeenBy(api.token("bob", "globex"))).contains(message);
  }

  @Test
  void aNoticeForOneTenantIsNotShownToAnother() {
    String message = "for acme only " + UUID.randomUUID();
    assertThat(api.postJson("/ops/notifications", operator, notice(message, "PT2H", "[\"acme\"]")).status()).isEqualTo(201);
    assertThat(messagesSeenBy(api.token("alice", "acme"))).contains(message);
    assertThat(messagesSeenBy(api.token("bob", "globex"))).doesNotContain(message);
  }

  @Test
  void aNonOperatorCannotPostAndNothingIsStored() {
    String message = "sneaky " + UUID.randomUUID();
    String user = api.token("mallory", "acme");
    var answer = api.postJson("/ops/notifications", user, notice(message, "PT2H", null));
    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.problemCode()).isEqualTo("FORBIDDEN");
    String groupsNotOperators = api.token("mallory", "acme", "lab-admins", "operators-team");
    assertThat(api.postJson("/ops/notifications", groupsNotOperators, notice(message, "PT2H", null)).status()).isEqualTo(403);
    assertThat(messagesSeenBy(user)).doesNotContain(message);
  }

  @Test
  void invalidNoticesAreRefusedWithTheFieldNamed() {
    assertThat(api.postJson("/ops/notifications", operator, "{\"message\":\"x\",\"severity\":\"LOUD\",\"endsAt\":\"2099-01-01T00:00:00Z\"}")
        .json().path("detail").asText()).startsWith("severity:");
    assertThat(api.postJson("/ops/notifications", operator, "{\"message\":\"x\",\"severity\":\"INFO\",\"endsAt\":\"soon\"}")
        .json().path("detail").asText()).startsWith("endsAt:");
    assertThat(api.postJson("/ops/notifications", operator, "{\"message\":\"x\",\"severity\":\"INFO\",\"startsAt\":\"2019-12-31T00:00:00Z\",\"endsAt\":\"2020-01-01T00:00:00Z\"}")
        .json().path("detail").asText()).isEqualTo("endsAt: must be in the future");
    var unknown = api.postJson("/ops/notifications", operator, "{\"message\":\"x\",\"severity\":\"INFO\",\"endsAt\":\"2099-01-01T00:00:00Z\",\"createdBy\":\"x\"}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.problemCode()).isEqualTo("VALIDATION");
    assertThat(api.postJson("/ops/notifications", operator, "{\"message\":").problemCode()).isEqualTo("VALIDATION");
    assertThat(api.postJson("/ops/notifications", operator, "").problemCode()).isEqualTo("VALIDATION");
  }

  @Test
  void bodiesOver64KiBAndNonJsonBodiesAreRefused() {
    String big = "{\"message\":\"" + "x".repeat(70 * 1024) + "\",\"severity\":\"INFO\",\"endsAt\":\"2099-01-01T00:00:00Z\"}";
    var tooLarge = api.postJson("/ops/notifications", operator, big);
    assertThat(tooLarge.status()).isEqualTo(413);
    assertThat(tooLarge.problemCode()).isEqualTo("PAYLOAD_TOO_LARGE");
    var text = api.send("POST", "/ops/notifications", operator, "hello", "text/plain");
    assertThat(text.status()).isEqualTo(415);
    assertThat(text.problemCode()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
  }

  @Test
  void listsArePagedAndRefuseForeignOrTamperedTokens() {
    String tenant = "paging-" + UUID.randomUUID().toString().substring(0, 8);
    for (int i = 0; i < 3; i++) {
      assertThat(api.postJson("/ops/notifications", operator, notice("page " + i, "PT" + (i + 1) + "H", "[\"" + tenant + "\"]")).status())
          .isEqualTo(201);
    }
    String reader = api.token("reader", tenant);
    var first = api.get("/notifications?limit=2", reader);
    assertThat(first.json().path("items")).hasSize(2);
    String next = first.json().path("nextToken").asText();
    assertThat(next).isNotBlank();
    assertThat(messagesSeenBy(reader)).contains("page 0", "page 1", "page 2");

    String foreign = Base64.getUrlEncoder().withoutPadding().encodeToString(
        "pk\u001fGROUP#1\u001esk\u001fMEMBER#bob\u001e".getBytes(StandardCharsets.UTF_8));
    var refused = api.get("/notifications?nextToken=" + foreign, reader);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().path("detail").asText()).startsWith("nextToken:");
    assertThat(api.get("/notifications?nextToken=" + next + "AA", reader).status()).isEqualTo(400);
    assertThat(api.get("/notifications?nextToken=%25%25", reader).status()).isEqualTo(400);
    assertThat(api.get("/notifications?limit=0", reader).status()).isEqualTo(400);
    assertThat(api.get("/notifications?limit=101", reader).status()).isEqualTo(400);
  }

  @Test
  void unknownRoutesAre404Problems() {
    var answer = api.get("/no/such/route", api.token("alice", "acme"));
    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.problemCode()).isEqualTo("NOT_FOUND");
    assertThat(api.send("DELETE", "/health", null, null, null).status()).isEqualTo(404);
  }

  @Test
  void everyAnswerCarriesARequestId() {
    for (var answer : List.of(api.get("/health", null), api.get("/notifications", null),
        api.get("/nowhere", null), api.raw("GET", "/notifications", Map.of(), null))) {
      assertThat(answer.header("X-Request-Id")).as(answer.body()).isNotBlank();
    }
  }

  @Test
  void everyOpsRouteOfTheTemplate_shouldRefuseNonOperatorsOfEveryTenant_andOnlyOpsRoutesReadTheAuditTrail() {
    var routes = STACK.stack().model().routes();
    var ops = routes.stream().filter(r -> r.path().startsWith("/ops/") || r.path().equals("/ops")).toList();
    assertThat(ops).extracting(r -> r.routeKey())
        .contains("GET /ops/audit", "POST /ops/audit/verify", "POST /ops/backups/run", "POST /ops/notifications", "GET /ops/alarms");
    // the audit trail is read through /ops routes only
    assertThat(routes.stream().filter(r -> r.path().contains("audit")))
        .allMatch(r -> r.path().startsWith("/ops/"));
    List<String> nonOperators = List.of(api.token("alice", "acme"), api.token("mallory", "globex", "lab-admins"),
        api.token("app:sample-eln", null));
    for (var route : ops) {
      String path = route.path().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
      String method = route.method();
      for (String token : nonOperators) {
        var answer = api.send(method, path + (method.equals("GET") ? "?since=2026-01-01T00:00:00Z" : ""), token,
            method.equals("GET") || method.equals("DELETE") ? null : "{}", "application/json");
        assertThat(answer.status()).as(route.routeKey() + ": " + answer.body()).isEqualTo(403);
        assertThat(answer.problemCode()).isEqualTo("FORBIDDEN");
      }
    }
  }
}
