package org.labvault.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.labvault.shared.testing.Responses.body;
import static org.labvault.shared.testing.Responses.problemCode;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.deletion.adapter.LinkItems;
import org.labvault.shared.deletion.domain.App;
import org.labvault.shared.testing.ApiEvent;
import org.labvault.shared.testing.EmbeddedTable;
import org.labvault.shared.testing.FakeContext;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The app registry and the overdue deletion notices, on the real adapters against an in-process table. */
class OpsDeletionRoutesTest {

  private TestOpsComponent ops;
  private OpsHandler handler;

  @BeforeEach
  void setUp() {
    ops = DaggerTestOpsComponent.create();
    handler = new OpsHandler(ops);
  }

  @AfterEach
  void tearDown() {
    ops.table().close();
  }

  private com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
    return handler.handleRequest(event, new FakeContext());
  }

  @ParameterizedTest
  @Event(value = "ops/register-app.json", type = APIGatewayV2HTTPEvent.class)
  void registerApp_shouldStoreIt_andAnswerHowItSubscribes(APIGatewayV2HTTPEvent event) {
    var res = call(event);
    assertThat(res.getStatusCode()).as(res.getBody()).isEqualTo(201);
    var app = body(res);
    assertThat(app.path("appId").asText()).isEqualTo("sample-eln");
    assertThat(app.path("name").asText()).isEqualTo("Sample ELN");
    assertThat(app.path("createdAt").asText()).isEqualTo("2026-11-23T08:00:00Z");
    assertThat(app.path("topicArn").asText()).isEqualTo(TestOpsComponent.Fakes.TOPIC);
    assertThat(app.at("/filterPolicy/appId/0").asText()).isEqualTo("sample-eln");
    assertThat(app.path("filterPolicy").path("appId")).hasSize(1);
    assertThat(ops.appRepository().find("sample-eln")).get().extracting(App::createdBy).isEqualTo("0a9b8c7d-operator");
    assertThat(ops.auditRecords()).extracting(AuditEvent::action, AuditEvent::decision, AuditEvent::resource)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("ops:access", AuditEvent.Decision.ALLOW, "route:POST /ops/apps"),
            org.assertj.core.groups.Tuple.tuple("apps:register", AuditEvent.Decision.ALLOW, "app:sample-eln"));
  }

  @ParameterizedTest
  @Event(value = "ops/register-app.json", type = APIGatewayV2HTTPEvent.class)
  void registerApp_twice_shouldBe409AlreadyExists_andKeepTheFirst(APIGatewayV2HTTPEvent event) {
    assertThat(call(event).getStatusCode()).isEqualTo(201);
    var again = call(ApiEvent.route("POST /ops/apps").as("op-2", "platform", "operators")
        .json("{\"appId\":\"sample-eln\",\"name\":\"Impostor\"}").build());
    assertThat(again.getStatusCode()).isEqualTo(409);
    assertThat(problemCode(again)).isEqualTo("ALREADY_EXISTS");
    assertThat(ops.appRepository().find("sample-eln")).get().extracting(App::name).isEqualTo("Sample ELN");
    // each use of the route is audited (ALLOW ops:access), then the registration and the refused second one
    assertThat(ops.auditRecords()).extracting(AuditEvent::action, AuditEvent::decision).containsExactly(
        org.assertj.core.groups.Tuple.tuple("ops:access", AuditEvent.Decision.ALLOW),
        org.assertj.core.groups.Tuple.tuple("apps:register", AuditEvent.Decision.ALLOW),
        org.assertj.core.groups.Tuple.tuple("ops:access", AuditEvent.Decision.ALLOW),
        org.assertj.core.groups.Tuple.tuple("apps:register", AuditEvent.Decision.DENY));
  }

  @ParameterizedTest
  @Event(value = "ops/register-app-not-operator.json", type = APIGatewayV2HTTPEvent.class)
  void registerApp_byANonOperator_shouldBe403_auditedAndStoreNothing(APIGatewayV2HTTPEvent event) {
    var res = call(event);
    assertThat(res.getStatusCode()).isEqualTo(403);
    assertThat(ops.appRepository().find("sample-eln")).isEmpty();
    assertThat(ops.auditRecords()).singleElement().satisfies(a -> {
      assertThat(a.decision()).isEqualTo(AuditEvent.Decision.DENY);
      assertThat(a.resource()).isEqualTo("route:POST /ops/apps");
    });
  }

  @ParameterizedTest
  @Event(value = "ops/register-app-invalid.json", type = APIGatewayV2HTTPEvent.class)
  void registerApp_withABadId_shouldBe400NamingAppId(APIGatewayV2HTTPEvent event) {
    var res = call(event);
    assertThat(res.getStatusCode()).isEqualTo(400);
    assertThat(body(res).path("detail").asText()).startsWith("appId:");
  }

  @Test
  void registerApp_withBadFields_shouldBe400NamingTheField() {
    for (var bad : Map.of(
        "{\"appId\":\"-x\",\"name\":\"n\"}", "appId:",
        "{\"appId\":\"a\",\"name\":\"n\"}", "appId:",
        "{\"appId\":\"" + "a".repeat(64) + "\",\"name\":\"n\"}", "appId:",
        "{\"name\":\"n\"}", "appId:",
        "{\"appId\":\"ok-app\",\"name\":\"\"}", "name:",
        "{\"appId\":\"ok-app\",\"name\":\"" + "n".repeat(101) + "\"}", "name:").entrySet()) {
      var res = call(ApiEvent.route("POST /ops/apps").as("op", "platform", "operators").json(bad.getKey()).build());
      assertThat(res.getStatusCode()).as(bad.getKey()).isEqualTo(400);
      assertThat(body(res).path("detail").asText()).as(bad.getKey()).startsWith(bad.getValue());
    }
    assertThat(ops.appRepository().list(org.labvault.shared.paging.PageRequest.first(10)).items()).isEmpty();
  }

  @ParameterizedTest
  @Event(value = "ops/list-apps.json", type = APIGatewayV2HTTPEvent.class)
  void listApps_shouldPageThroughTheRegistry(APIGatewayV2HTTPEvent event) {
    for (String id : new String[] {"beta-app", "alpha-app", "gamma-app"}) {
      call(ApiEvent.route("POST /ops/apps").as("op", "platform", "operators")
          .json("{\"appId\":\"" + id + "\",\"name\":\"" + id + "\"}").build());
    }
    var all = call(event);
    assertThat(all.getStatusCode()).isEqualTo(200);
    assertThat(appIds(body(all))).containsExactly("alpha-app", "beta-app", "gamma-app");
    var first = call(ApiEvent.route("GET /ops/apps").as("op", "platform", "operators").query("limit", "2").build());
    String token = body(first).path("nextToken").asText();
    var rest = call(ApiEvent.route("GET /ops/apps").as("op", "platform", "operators").query("nextToken", token).build());
    assertThat(appIds(body(rest))).containsExactly("gamma-app");
    assertThat(body(rest).has("nextToken")).isFalse();
  }

  private static java.util.List<String> appIds(com.fasterxml.jackson.databind.JsonNode page) {
    java.util.List<String> ids = new java.util.ArrayList<>();
    page.path("items").forEach(item -> ids.add(item.path("appId").asText()));
    return ids;
  }

  /** A link whose notice went unconfirmed after every attempt, as the schedule leaves it. */
  private void overdueLink(String linkId, String assetId, String overdueAt) {
    Map<String, AttributeValue> item = new HashMap<>(LinkItems.key(linkId));
    item.put("type", s(LinkItems.TYPE));
    item.put(LinkItems.LINK_ID, s(linkId));
    item.put(LinkItems.ASSET_ID, s(assetId));
    item.put(LinkItems.GROUP_ID, s("g-1"));
    item.put(LinkItems.TENANT, s("acme"));
    item.put(LinkItems.APP_ID, s("sample-eln"));
    item.put(LinkItems.EXTERNAL_REF, s("ref"));
    item.put(LinkItems.CREATED_AT, s("2026-11-20T08:00:00Z"));
    item.put(LinkItems.CREATED_BY, s("alice"));
    item.put(LinkItems.LINK_STATUS, s("DELETED"));
    item.put(LinkItems.REASON, s("ASSET_DELETED"));
    item.put(LinkItems.DELETED_AT, s("2026-11-21T08:00:00Z"));
    item.put(LinkItems.DELETED_BY, s("alice"));
    item.put(LinkItems.NOTICE, s("OVERDUE"));
    item.put(LinkItems.ATTEMPT, AttributeValue.fromN("5"));
    item.put(LinkItems.PUBLISHED_ATTEMPT, AttributeValue.fromN("5"));
    item.put(LinkItems.NOTIFIED_AT, s("2026-11-21T08:00:02Z"));
    item.put(LinkItems.LAST_NOTIFIED_AT, s("2026-11-21T23:00:02Z"));
    item.put(Keys.GSI1_PK, s(Keys.assetLinks(assetId)));
    item.put(Keys.GSI1_SK, s(linkId));
    item.put(Keys.GSI2_PK, s(Keys.OVERDUE));
    item.put(Keys.GSI2_SK, s(overdueAt + "#" + linkId));
    ops.table().client().putItem(r -> r.tableName(EmbeddedTable.NAME).item(item));
  }

  private static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  @ParameterizedTest
  @Event(value = "ops/list-overdue-deletions.json", type = APIGatewayV2HTTPEvent.class)
  void listDeletions_shouldAnswerTheOverdueNotices_longestOverdueFirst(APIGatewayV2HTTPEvent event) {
    overdueLink("link-2", "asset-2", "2026-11-22T12:00:00Z");
    overdueLink("link-1", "asset-1", "2026-11-22T09:00:00Z");
    var res = call(event);
    assertThat(res.getStatusCode()).as(res.getBody()).isEqualTo(200);
    var items = body(res).path("items");
    assertThat(items.findValuesAsText("linkId")).containsExactly("link-1", "link-2");
    assertThat(items.get(0).path("assetId").asText()).isEqualTo("asset-1");
    assertThat(items.get(0).path("appId").asText()).isEqualTo("sample-eln");
    assertThat(items.get(0).path("attempts").asInt()).isEqualTo(5);
    assertThat(items.get(0).path("notifiedAt").asText()).isEqualTo("2026-11-21T08:00:02Z");
    var page = call(ApiEvent.route("GET /ops/deletions").as("op", "platform", "operators")
        .query("status", "OVERDUE").query("limit", "1").build());
    assertThat(body(page).path("items")).hasSize(1);
    var next = call(ApiEvent.route("GET /ops/deletions").as("op", "platform", "operators")
        .query("status", "OVERDUE").query("nextToken", body(page).path("nextToken").asText()).build());
    assertThat(body(next).path("items").findValuesAsText("linkId")).containsExactly("link-2");
  }

  @ParameterizedTest
  @Event(value = "ops/list-deletions-bad-status.json", type = APIGatewayV2HTTPEvent.class)
  void listDeletions_withAnotherOrNoStatus_shouldBe400(APIGatewayV2HTTPEvent event) {
    var res = call(event);
    assertThat(res.getStatusCode()).isEqualTo(400);
    assertThat(problemCode(res)).isEqualTo("VALIDATION");
    assertThat(body(res).path("detail").asText()).startsWith("status:");
    var none = call(ApiEvent.route("GET /ops/deletions").as("op", "platform", "operators").build());
    assertThat(none.getStatusCode()).isEqualTo(400);
  }

  @Test
  void listDeletions_byANonOperator_shouldBe403() {
    var res = call(ApiEvent.route("GET /ops/deletions").as("alice", "acme").query("status", "OVERDUE").build());
    assertThat(res.getStatusCode()).isEqualTo(403);
  }
}
