package org.labvault.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.labvault.shared.testing.Responses.body;
import static org.labvault.shared.testing.Responses.problemCode;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.labvault.shared.testing.ApiEvent;
import org.labvault.shared.testing.FakeContext;

class OpsHandlerTest {

  private TestOpsComponent ops;
  private OpsHandler handler;

  @BeforeEach
  void setUp() {
    ops = DaggerTestOpsComponent.create();
    handler = new OpsHandler(ops);
  }

  @org.junit.jupiter.api.AfterEach
  void tearDown() {
    ops.table().close();
  }

  @ParameterizedTest
  @Event(value = "ops/health.json", type = APIGatewayV2HTTPEvent.class)
  void health_shouldAnswerOk_whenEveryDependencyAnswers(APIGatewayV2HTTPEvent event) {
    // when
    var res = handler.handleRequest(event, new FakeContext());
    // then
    assertThat(res.getStatusCode()).isEqualTo(200);
    assertThat(body(res).path("status").asText()).isEqualTo("ok");
    assertThat(res.getHeaders()).containsEntry("X-Request-Id", "req-ops-1");
  }

  @ParameterizedTest
  @Event(value = "ops/health.json", type = APIGatewayV2HTTPEvent.class)
  void health_shouldAnswer503NamingS3_whenS3IsUnreachable(APIGatewayV2HTTPEvent event) {
    // given
    ops.s3().fail();
    // when
    var res = handler.handleRequest(event, new FakeContext());
    // then
    assertThat(res.getStatusCode()).isEqualTo(503);
    assertThat(problemCode(res)).isEqualTo("DEPENDENCY_UNAVAILABLE");
    assertThat(body(res).path("detail").asText()).contains("s3").doesNotContain("dynamodb");
    assertThat(body(res).path("dependencies").path("s3").asText()).isEqualTo("unavailable");
    assertThat(body(res).path("dependencies").path("dynamodb").asText()).isEqualTo("ok");
  }

  @ParameterizedTest
  @Event(value = "ops/health.json", type = APIGatewayV2HTTPEvent.class)
  void health_shouldNameBothDependencies_whenBothAreDown(APIGatewayV2HTTPEvent event) {
    ops.s3().fail();
    ops.dynamoDb().fail();
    var res = handler.handleRequest(event, new FakeContext());
    assertThat(res.getStatusCode()).isEqualTo(503);
    assertThat(body(res).path("detail").asText()).contains("s3").contains("dynamodb");
  }

  @ParameterizedTest
  @Event(value = "ops/create-notification.json", type = APIGatewayV2HTTPEvent.class)
  void createNotice_shouldStoreTheNoticeAsTheVerifiedOperator(APIGatewayV2HTTPEvent event) {
    // when
    var res = handler.handleRequest(event, new FakeContext());
    // then
    assertThat(res.getStatusCode()).isEqualTo(201);
    var notice = body(res);
    assertThat(notice.path("severity").asText()).isEqualTo("WARNING");
    assertThat(notice.path("createdBy").asText()).isEqualTo("0a9b8c7d-operator");
    assertThat(notice.path("startsAt").asText()).isEqualTo("2098-11-23T07:00:00Z");
    assertThat(ops.repository().all()).singleElement()
        .satisfies(n -> {
          assertThat(n.noticeId()).isEqualTo(notice.path("noticeId").asText());
          assertThat(n.createdBy()).isEqualTo("0a9b8c7d-operator");
        });
    // the operator's use of the route first (it raises PRIVILEGED_ACCESS), then the change
    assertThat(ops.auditRecords()).extracting(a -> a.action() + " " + a.decision() + " " + a.actor())
        .containsExactly("ops:access ALLOW 0a9b8c7d-operator", "notices:create ALLOW 0a9b8c7d-operator");
  }

  @ParameterizedTest
  @Event(value = "ops/create-notification-not-operator.json", type = APIGatewayV2HTTPEvent.class)
  void createNotice_shouldAnswer403AndStoreNothing_forANonOperator(APIGatewayV2HTTPEvent event) {
    var res = handler.handleRequest(event, new FakeContext());
    assertThat(res.getStatusCode()).isEqualTo(403);
    assertThat(problemCode(res)).isEqualTo("FORBIDDEN");
    assertThat(ops.repository().all()).isEmpty();
    assertThat(ops.auditRecords()).singleElement().satisfies(a -> {
      assertThat(a.decision()).isEqualTo(org.labvault.shared.audit.AuditEvent.Decision.DENY);
      assertThat(a.actor()).isEqualTo("6f1c2a34-user-alice");
      assertThat(a.resource()).isEqualTo("route:POST /ops/notifications");
      assertThat(a.requestId()).isEqualTo("req-ops-1");
    });
  }

  @ParameterizedTest
  @Event(value = "ops/create-notification-invalid.json", type = APIGatewayV2HTTPEvent.class)
  void createNotice_shouldNameTheInvalidField(APIGatewayV2HTTPEvent event) {
    var res = handler.handleRequest(event, new FakeContext());
    assertThat(res.getStatusCode()).isEqualTo(400);
    assertThat(problemCode(res)).isEqualTo("VALIDATION");
    assertThat(body(res).path("detail").asText()).startsWith("severity:");
    assertThat(ops.repository().all()).isEmpty();
  }

  @ParameterizedTest
  @Event(value = "ops/create-notification-unknown-field.json", type = APIGatewayV2HTTPEvent.class)
  void createNotice_shouldRefuseUnknownFields(APIGatewayV2HTTPEvent event) {
    var res = handler.handleRequest(event, new FakeContext());
    assertThat(res.getStatusCode()).isEqualTo(400);
    assertThat(body(res).path("detail").asText()).isEqualTo("createdBy: unknown field");
  }

  @ParameterizedTest
  @Event(value = "ops/create-notification-malformed.json", type = APIGatewayV2HTTPEvent.class)
  void createNotice_shouldReportMalformedJson(APIGatewayV2HTTPEvent event) {
    var res = handler.handleRequest(event, new FakeContext());
    assertThat(res.getStatusCode()).isEqualTo(400);
    assertThat(problemCode(res)).isEqualTo("VALIDATION");
  }

  @ParameterizedTest
  @Event(value = "ops/create-notification-wrong-media-type.json", type = APIGatewayV2HTTPEvent.class)
  void createNotice_shouldAnswer415_forAFormBody(APIGatewayV2HTTPEvent event) {
    var res = handler.handleRequest(event, new FakeContext());
    assertThat(res.getStatusCode()).isEqualTo(415);
  }

  private static APIGatewayV2HTTPEvent noticeForAcme() {
    return ApiEvent.route("POST /ops/notifications").as("op", "platform", "operators")
        .json("{\"message\":\"Your instruments move to the new gateway today.\",\"severity\":\"INFO\","
            + "\"endsAt\":\"2026-11-30T00:00:00Z\",\"tenants\":[\"acme\"]}")
        .build();
  }

  @ParameterizedTest
  @Event(value = "ops/create-notification-for-tenant.json", type = APIGatewayV2HTTPEvent.class)
  void createNotice_shouldKeepTheTargetTenants(APIGatewayV2HTTPEvent event) {
    var res = handler.handleRequest(event, new FakeContext());
    assertThat(res.getStatusCode()).isEqualTo(201);
    assertThat(body(res).path("tenants")).hasSize(1);
    assertThat(ops.repository().all()).singleElement().satisfies(n -> assertThat(n.tenants()).containsExactly("acme"));
  }

  @org.junit.jupiter.api.Test
  void listNotices_shouldShowATargetedNoticeToItsTenantOnly() {
    // given
    assertThat(handler.handleRequest(noticeForAcme(), new FakeContext()).getStatusCode()).isEqualTo(201);
    // when
    var acme = handler.handleRequest(ApiEvent.route("GET /notifications").as("alice", "acme").build(), new FakeContext());
    var globex = handler.handleRequest(ApiEvent.route("GET /notifications").as("bob", "globex").build(), new FakeContext());
    var noTenant = handler.handleRequest(ApiEvent.route("GET /notifications").as("carol", null).build(), new FakeContext());
    // then
    assertThat(body(acme).path("items")).hasSize(1);
    assertThat(body(globex).path("items")).isEmpty();
    assertThat(body(noTenant).path("items")).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void listNotices_shouldNotShowReadersWhoPostedANoticeOrWhomElseItConcerns() {
    handler.handleRequest(noticeForAcme(), new FakeContext());
    var res = handler.handleRequest(ApiEvent.route("GET /notifications").as("alice", "acme").build(), new FakeContext());
    var item = body(res).path("items").get(0);
    assertThat(item.has("createdBy")).isFalse();
    assertThat(item.has("tenants")).isFalse();
    assertThat(item.path("message").asText()).isEqualTo("Your instruments move to the new gateway today.");
  }

  @ParameterizedTest
  @Event(value = "ops/list-notifications.json", type = APIGatewayV2HTTPEvent.class)
  void listNotices_shouldAnswerAnEmptyPage_whenNothingIsActive(APIGatewayV2HTTPEvent event) {
    var res = handler.handleRequest(event, new FakeContext());
    assertThat(res.getStatusCode()).isEqualTo(200);
    assertThat(body(res).path("items")).isEmpty();
    assertThat(body(res).has("nextToken")).isFalse();
  }

  @ParameterizedTest
  @Event(value = "ops/list-notifications-bad-limit.json", type = APIGatewayV2HTTPEvent.class)
  void listNotices_shouldRefuseALimitAbove100(APIGatewayV2HTTPEvent event) {
    var res = handler.handleRequest(event, new FakeContext());
    assertThat(res.getStatusCode()).isEqualTo(400);
    assertThat(body(res).path("detail").asText()).startsWith("limit:");
  }

  @ParameterizedTest
  @Event(value = "ops/list-notifications.json", type = APIGatewayV2HTTPEvent.class)
  void listNotices_shouldAnswer401_whenTheEventCarriesNoClaims(APIGatewayV2HTTPEvent event) {
    event.getRequestContext().setAuthorizer(null);
    var res = handler.handleRequest(event, new FakeContext());
    assertThat(res.getStatusCode()).isEqualTo(401);
  }

  private static org.labvault.shared.canary.domain.CanaryRun canaryRun(boolean uploadOk) {
    return org.labvault.shared.canary.domain.CanaryRun.of("01CANARY", java.time.Instant.parse("2026-11-23T07:45:00Z"),
        java.util.List.of(new org.labvault.shared.canary.domain.CanaryStep("token", true, 41),
            new org.labvault.shared.canary.domain.CanaryStep("upload", uploadOk, 230)));
  }

  @ParameterizedTest
  @Event(value = "ops/canary-latest.json", type = APIGatewayV2HTTPEvent.class)
  void canaryLatest_shouldBe404_beforeTheFirstRun_thenTheRunInTheContractsShape(APIGatewayV2HTTPEvent event) {
    // given no run
    var before = handler.handleRequest(event, new FakeContext());
    assertThat(before.getStatusCode()).isEqualTo(404);
    assertThat(problemCode(before)).isEqualTo("NOT_FOUND");
    // when the canary has run
    ops.canaryResults().record(canaryRun(false));
    var res = handler.handleRequest(event, new FakeContext());
    // then
    assertThat(res.getStatusCode()).isEqualTo(200);
    var latest = body(res);
    assertThat(latest.path("status").asText()).isEqualTo("FAILED");
    assertThat(latest.path("at").asText()).isEqualTo("2026-11-23T07:45:00Z");
    assertThat(latest.path("steps")).hasSize(2);
    assertThat(latest.path("steps").get(1).path("name").asText()).isEqualTo("upload");
    assertThat(latest.path("steps").get(1).path("ok").asBoolean()).isFalse();
    assertThat(latest.path("steps").get(1).path("ms").asLong()).isEqualTo(230);
  }

  @ParameterizedTest
  @Event(value = "ops/health.json", type = APIGatewayV2HTTPEvent.class)
  void health_shouldReportTheCanarysLastRun_withoutFailingForIt(APIGatewayV2HTTPEvent event) {
    // given no run yet: no canary field
    assertThat(body(handler.handleRequest(event, new FakeContext())).has("canary")).isFalse();
    // when a failed run is stored
    ops.canaryResults().record(canaryRun(false));
    var res = handler.handleRequest(event, new FakeContext());
    // then /health stays 200 and says so
    assertThat(res.getStatusCode()).isEqualTo(200);
    assertThat(body(res).path("status").asText()).isEqualTo("ok");
    assertThat(body(res).path("canary").path("status").asText()).isEqualTo("FAILED");
    assertThat(body(res).path("canary").path("at").asText()).isEqualTo("2026-11-23T07:45:00Z");
    assertThat(body(res).path("canary").has("steps")).isFalse();
  }
}
