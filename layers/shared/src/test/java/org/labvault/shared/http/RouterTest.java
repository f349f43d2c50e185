package org.labvault.shared.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.labvault.shared.testing.Responses.body;
import static org.labvault.shared.testing.Responses.problemCode;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.auth.Principal;
import org.labvault.shared.error.ConflictException;
import org.labvault.shared.error.ErrorCode;
import org.labvault.shared.testing.ApiEvent;
import org.labvault.shared.testing.Authorizers;
import org.labvault.shared.testing.FakeContext;
import org.slf4j.MDC;

class RouterTest {

  record Echo(String name) {}

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);
  private final AtomicReference<Principal> seen = new AtomicReference<>();
  private final List<AuditEvent> audited = new CopyOnWriteArrayList<>();
  private final List<String> deleted = new CopyOnWriteArrayList<>();
  private final Router router =
      Router.builder()
          .authorizing(Authorizers.knowingNoMembers(audited::add, CLOCK))
          .on("GET /public", req -> ApiResponse.ok(Map.of("ok", true)))
          .on("GET /me", req -> {
            seen.set(req.principal());
            return ApiResponse.ok(Map.of("user", req.principal().userId()));
          })
          .on("POST /echo", req -> ApiResponse.created(req.body(Echo.class)))
          .on("PATCH /tree", req -> ApiResponse.ok(req.body(com.fasterxml.jackson.databind.JsonNode.class)))
          .on("POST /conflict", req -> {
            throw new ConflictException(ErrorCode.LAST_ADMIN, "a group keeps one admin");
          })
          .on("GET /boom", req -> {
            throw new IllegalStateException("secret table name labvault-prod-DataTable");
          })
          .on("GET /ops/things", req -> ApiResponse.ok(Map.of()))
          .onNoContent("DELETE /things/{thingId}", req -> deleted.add(req.caller().userId() + "/" + req.path("thingId")))
          .on("DELETE /groups/{groupId}/members/{userId}", req ->
              ApiResponse.ok(Map.of("groupId", req.path("groupId"), "userId", req.path("userId"))))
          .build();

  @Test
  void handle_shouldAnswer404Problem_whenRouteKeyIsUnknown() {
    var res = router.handle(ApiEvent.route("GET /nope").build(), new FakeContext());
    assertThat(res.getStatusCode()).isEqualTo(404);
    assertThat(problemCode(res)).isEqualTo("NOT_FOUND");
  }

  @Test
  void onNoContent_shouldAnswer204WithNoBody_afterTheActionRan_andAProblemWhenItFails() {
    var res = router.handle(ApiEvent.route("DELETE /things/{thingId}").path("thingId", "t1").as("alice", "acme").build(),
        new FakeContext());
    assertThat(res.getStatusCode()).isEqualTo(204);
    assertThat(res.getBody()).isNullOrEmpty();
    assertThat(deleted).containsExactly("alice/t1");
    assertThat(router.handle(ApiEvent.route("DELETE /things/{thingId}").build(), new FakeContext()).getStatusCode())
        .as("no caller: the action does not run").isEqualTo(401);
    assertThat(deleted).containsExactly("alice/t1");
  }

  @Test
  void handle_shouldAnswer404Problem_whenTheEventHasNoRouteKey() {
    // not an HTTP API event at all (a mistaken invocation): a problem, never a 500
    var res = router.handle(new com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent(), new FakeContext());
    assertThat(res.getStatusCode()).isEqualTo(404);
    assertThat(problemCode(res)).isEqualTo("NOT_FOUND");
  }

  @Test
  void handle_shouldSetRequestIdHeaderFromTheEvent_onSuccessAndOnError() {
    var ok = router.handle(ApiEvent.route("GET /public").requestId("abc=").build(), new FakeContext());
    var err = router.handle(ApiEvent.route("GET /nope").requestId("def=").build(), new FakeContext());
    assertThat(ok.getHeaders()).containsEntry("X-Request-Id", "abc=");
    assertThat(err.getHeaders()).containsEntry("X-Request-Id", "def=");
  }

  @Test
  void handle_shouldTakeThePrincipalFromClaimsOnly() {
    var event = ApiEvent.route("GET /me").as("alice", "acme", "operators", "lab-x")
        .header("x-user-id", "mallory").query("sub", "mallory").build();
    var res = router.handle(event, new FakeContext());
    assertThat(res.getStatusCode()).isEqualTo(200);
    assertThat(seen.get().userId()).isEqualTo("alice");
    assertThat(seen.get().tenant()).isEqualTo("acme");
    assertThat(seen.get().groups()).containsExactlyInAnyOrder("operators", "lab-x");
  }

  @Test
  void handle_shouldAnswer401_whenAProtectedRouteHasNoClaims() {
    var res = router.handle(ApiEvent.route("GET /me").build(), new FakeContext());
    assertThat(res.getStatusCode()).isEqualTo(401);
    assertThat(problemCode(res)).isEqualTo("UNAUTHORIZED");
  }

  @Test
  void handle_shouldAnswer403_whenANonOperatorCallsAnOpsRoute() {
    var res = router.handle(ApiEvent.route("GET /ops/things").as("alice", "acme").build(), new FakeContext());
    assertThat(res.getStatusCode()).isEqualTo(403);
    assertThat(problemCode(res)).isEqualTo("FORBIDDEN");
  }

  @Test
  void handle_shouldLetOperatorsIntoOpsRoutes() {
    var res = router.handle(ApiEvent.route("GET /ops/things").as("op", "platform", "operators").build(), new FakeContext());
    assertThat(res.getStatusCode()).isEqualTo(200);
  }

  @Test
  void handle_shouldAuditEveryUseOfAnOpsRoute_allowForOperatorsAndDenyForOthers() {
    // given
    Router audits = Router.builder().authorizing(Authorizers.knowingNoMembers(audited::add, CLOCK))
        .on("GET /ops/things", req -> ApiResponse.ok(Map.of()))
        .on("GET /public", req -> ApiResponse.ok(Map.of()))
        .build();
    // when
    audits.handle(ApiEvent.route("GET /ops/things").as("op", "platform", "operators").requestId("r1").build(), new FakeContext());
    audits.handle(ApiEvent.route("GET /ops/things").as("alice", "acme").requestId("r2").build(), new FakeContext());
    audits.handle(ApiEvent.route("GET /public").as("alice", "acme").build(), new FakeContext());
    // then
    assertThat(audited).extracting(e -> e.actor() + " " + e.action() + " " + e.resource() + " " + e.decision() + " " + e.requestId())
        .containsExactly("op ops:access route:GET /ops/things ALLOW r1", "alice ops:access route:GET /ops/things DENY r2");
    assertThat(audited).extracting(AuditEvent::role, AuditEvent::time).containsOnly(tuple(null, CLOCK.instant()));
  }

  @Test
  void handle_shouldAnswerTheOperatorGatesProblem_toANonOperator() {
    var res = router.handle(ApiEvent.route("GET /ops/things").as("alice", "acme", "lab-x").build(), new FakeContext());
    assertThat(res.getStatusCode()).isEqualTo(403);
    assertThat(res.getHeaders()).containsEntry("Content-Type", "application/problem+json");
    assertThat(body(res).path("detail").asText()).isEqualTo("this route is for platform operators only");
  }

  @Test
  void handle_shouldAnswer401BeforeAnyAudit_whenAnOpsRouteHasNoClaims() {
    var res = router.handle(ApiEvent.route("GET /ops/things").build(), new FakeContext());
    assertThat(res.getStatusCode()).isEqualTo(401);
    assertThat(audited).isEmpty();
  }

  @Test
  void build_shouldRefuseOperatorsRoutes_withoutTheAuthorizerThatAdmitsToThem() {
    var builder = Router.builder().on("GET /ops", req -> ApiResponse.noContent());
    assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class);
    var noOps = Router.builder().on("GET /opsx", req -> ApiResponse.noContent()).on("GET /x/ops", req -> ApiResponse.noContent());
    assertThat(noOps.build().handle(ApiEvent.route("GET /opsx").build(), new FakeContext()).getStatusCode()).isEqualTo(204);
  }

  @Test
  void handle_shouldAnswer413_whenTheBodyIsLargerThan64KiB() {
    String big = "{\"name\":\"" + "x".repeat(Router.MAX_BODY_BYTES) + "\"}";
    var res = router.handle(ApiEvent.route("POST /echo").as("a", "t").json(big).build(), new FakeContext());
    assertThat(res.getStatusCode()).isEqualTo(413);
    assertThat(problemCode(res)).isEqualTo("PAYLOAD_TOO_LARGE");
  }

  @Test
  void handle_shouldAcceptABodyOfExactly64KiB() {
    String prefix = "{\"name\":\"";
    String json = prefix + "x".repeat(Router.MAX_BODY_BYTES - prefix.length() - 2) + "\"}";
    assertThat(json.getBytes(StandardCharsets.UTF_8)).hasSize(Router.MAX_BODY_BYTES);
    var res = router.handle(ApiEvent.route("POST /echo").as("a", "t").json(json).build(), new FakeContext());
    assertThat(res.getStatusCode()).isEqualTo(201);
  }

  @Test
  void handle_shouldAnswer415_whenTheBodyIsNotJson() {
    var event = ApiEvent.route("POST /echo").as("a", "t").json("{\"name\":\"x\"}")
        .header("content-type", "text/plain").build();
    var res = router.handle(event, new FakeContext());
    assertThat(res.getStatusCode()).isEqualTo(415);
    assertThat(problemCode(res)).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
  }

  @Test
  void handle_shouldAnswer415_whenABodyComesWithoutContentType() {
    var event = ApiEvent.route("POST /echo").as("a", "t").body("{\"name\":\"x\"}", false).build();
    assertThat(router.handle(event, new FakeContext()).getStatusCode()).isEqualTo(415);
  }

  @Test
  void handle_shouldAcceptJsonWithCharsetAndBase64Bodies() {
    String json = "{\"name\":\"é\"}";
    var event = ApiEvent.route("POST /echo").as("a", "t")
        .body(Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)), true)
        .header("Content-Type", "application/json; charset=utf-8").build();
    var res = router.handle(event, new FakeContext());
    assertThat(res.getStatusCode()).isEqualTo(201);
    assertThat(body(res).path("name").asText()).isEqualTo("é");
  }

  @Test
  void handle_shouldAnswer400Validation_whenARequiredBodyIsMissing() {
    var res = router.handle(ApiEvent.route("POST /echo").as("a", "t").build(), new FakeContext());
    assertThat(res.getStatusCode()).isEqualTo(400);
    assertThat(problemCode(res)).isEqualTo("VALIDATION");
  }

  @Test
  void handle_shouldAnswer400Validation_whenTheBodyIsJsonButNotAnObject() {
    for (String route : new String[] {"POST /echo", "PATCH /tree"}) {
      for (String json : new String[] {"null", " null ", "[]", "[{\"name\":\"x\"}]", "\"x\"", "1", "true"}) {
        var res = router.handle(ApiEvent.route(route).as("a", "t").json(json).build(), new FakeContext());
        assertThat(res.getStatusCode()).as(route + " " + json).isEqualTo(400);
        assertThat(problemCode(res)).isEqualTo("VALIDATION");
        assertThat(body(res).path("detail").asText()).isEqualTo("body: must be a JSON object");
      }
    }
  }

  @Test
  void handle_shouldStillTellMalformedJson_fromJsonThatIsNotAnObject() {
    for (String json : new String[] {"nul", "[", "{\"name\":", "\"x"}) {
      var res = router.handle(ApiEvent.route("POST /echo").as("a", "t").json(json).build(), new FakeContext());
      assertThat(res.getStatusCode()).as(json).isEqualTo(400);
      assertThat(problemCode(res)).as(json).isEqualTo("VALIDATION");
    }
  }

  @Test
  void handle_shouldAnswer400_whenAPathIdIsLongerThanAnyKeyMayBe() {
    String ok = "u".repeat(256);
    var fits = router.handle(ApiEvent.route("DELETE /groups/{groupId}/members/{userId}").as("a", "t")
        .path("groupId", "g").path("userId", ok).build(), new FakeContext());
    assertThat(fits.getStatusCode()).isEqualTo(200);
    assertThat(body(fits).path("userId").asText()).isEqualTo(ok);
    for (String param : new String[] {"groupId", "userId"}) {
      var event = ApiEvent.route("DELETE /groups/{groupId}/members/{userId}").as("a", "t")
          .path("groupId", "g").path("userId", "u").path(param, "x".repeat(1018)).build();
      var res = router.handle(event, new FakeContext());
      assertThat(res.getStatusCode()).isEqualTo(400);
      assertThat(problemCode(res)).isEqualTo("VALIDATION");
      assertThat(body(res).path("detail").asText()).isEqualTo(param + ": must be at most 256 characters");
    }
  }

  @Test
  void handle_shouldAnswer400_whenTheTokensSubjectIsLongerThanAnyKeyMayBe() {
    var res = router.handle(ApiEvent.route("GET /me").as("s".repeat(10 * 1024), "t").build(), new FakeContext());
    assertThat(res.getStatusCode()).isEqualTo(400);
    assertThat(problemCode(res)).isEqualTo("VALIDATION");
    assertThat(body(res).path("detail").asText()).startsWith("sub:");
    assertThat(seen.get()).isNull();
  }

  @Test
  void handle_shouldRefuseABodyThatIsNotWellFormedUnicode_ratherThanChangeIt() {
    // invalid UTF-8 in a base64 body: not replaced by U+FFFD
    var out = new java.io.ByteArrayOutputStream();
    out.writeBytes("{\"name\":\"a".getBytes(StandardCharsets.UTF_8));
    out.writeBytes(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}); // a UTF-16 surrogate: never valid UTF-8
    out.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
    byte[] withSurrogate = out.toByteArray();
    var base64 = router.handle(ApiEvent.route("POST /echo").as("a", "t").header("content-type", "application/json")
        .body(Base64.getEncoder().encodeToString(withSurrogate), true).build(), new FakeContext());
    assertThat(base64.getStatusCode()).isEqualTo(400);
    assertThat(problemCode(base64)).isEqualTo("VALIDATION");
    assertThat(body(base64).path("detail").asText()).isEqualTo("body: must be well-formed UTF-8");
    // a lone surrogate in a text body: not turned into "?"
    var text = router.handle(ApiEvent.route("POST /echo").as("a", "t").json("{\"name\":\"a\ud800\"}").build(), new FakeContext());
    assertThat(text.getStatusCode()).isEqualTo(400);
    assertThat(body(text).path("detail").asText()).isEqualTo("body: must be well-formed UTF-8");
    // and as a JSON escape: the field is named
    var escaped = router.handle(ApiEvent.route("POST /echo").as("a", "t").json("{\"name\":\"a\\ud800\"}").build(), new FakeContext());
    assertThat(escaped.getStatusCode()).isEqualTo(400);
    assertThat(body(escaped).path("detail").asText()).startsWith("name:");
  }

  @Test
  void handle_shouldMapDomainExceptionsToTheirStatusAndCode() {
    var res = router.handle(ApiEvent.route("POST /conflict").as("a", "t").build(), new FakeContext());
    assertThat(res.getStatusCode()).isEqualTo(409);
    assertThat(problemCode(res)).isEqualTo("LAST_ADMIN");
    assertThat(body(res).path("detail").asText()).isEqualTo("a group keeps one admin");
  }

  @Test
  void handle_shouldAnswer500WithoutInternalDetails_whenARouteFails() {
    var res = router.handle(ApiEvent.route("GET /boom").build(), new FakeContext());
    assertThat(res.getStatusCode()).isEqualTo(500);
    assertThat(problemCode(res)).isEqualTo("INTERNAL");
    assertThat(res.getBody()).doesNotContain("labvault-prod", "IllegalState", "at org.");
  }

  @Test
  void handle_shouldAnswerWhatTheTranslatorSays_forFailuresItRecognises() {
    var translating = Router.builder()
        .translatingFailures(e -> e instanceof java.io.UncheckedIOException
            ? new org.labvault.shared.error.UnavailableException("storage did not answer", Map.of()) : null)
        .on("GET /down", req -> {
          throw new java.io.UncheckedIOException("connect to 10.0.0.7 refused", new java.io.IOException());
        })
        .on("GET /boom", req -> {
          throw new IllegalStateException("a bug");
        })
        .build();
    var down = translating.handle(ApiEvent.route("GET /down").build(), new FakeContext());
    assertThat(down.getStatusCode()).isEqualTo(503);
    assertThat(problemCode(down)).isEqualTo("DEPENDENCY_UNAVAILABLE");
    assertThat(down.getBody()).doesNotContain("10.0.0.7");
    assertThat(translating.handle(ApiEvent.route("GET /boom").build(), new FakeContext()).getStatusCode()).isEqualTo(500);
  }

  @Test
  void handle_shouldLeaveNothingInTheMdc_afterARequest() {
    router.handle(ApiEvent.route("GET /me").as("alice", "acme").build(), new FakeContext());
    router.handle(ApiEvent.route("GET /boom").build(), new FakeContext());
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
  }

  @Test
  void builder_shouldRefuseARouteDeclaredTwice() {
    var builder = Router.builder().on("GET /x", req -> ApiResponse.noContent());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> builder.on("GET /x", req -> ApiResponse.noContent()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void handle_shouldSendNoBodyFor204() {
    var r = Router.builder().on("DELETE /x", req -> ApiResponse.noContent()).build();
    var res = r.handle(ApiEvent.route("DELETE /x").build(), new FakeContext());
    assertThat(res.getStatusCode()).isEqualTo(204);
    assertThat(res.getBody()).isNull();
  }
}
