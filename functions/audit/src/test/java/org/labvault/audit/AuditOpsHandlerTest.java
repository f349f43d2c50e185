package org.labvault.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.labvault.shared.audit.AuditChains;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.testing.EmbeddedTable;
import org.labvault.shared.testing.FakeContext;
import org.labvault.shared.testing.Responses;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The audit routes on the sample events of events/audit. */
class AuditOpsHandlerTest {

  private EmbeddedTable table;
  private TestAuditComponent component;
  private AuditOpsHandler handler;

  @BeforeEach
  void setUp() {
    table = new EmbeddedTable();
    component = TestAuditComponent.withThreeRecords(table);
    handler = new AuditOpsHandler(component);
  }

  @AfterEach
  void tearDown() {
    table.close();
  }

  @ParameterizedTest
  @Event(value = "audit/read-audit.json", type = APIGatewayV2HTTPEvent.class)
  void read_shouldAnswerTheContractsRecordShapeOldestFirst_whenAnOperatorAsks(APIGatewayV2HTTPEvent event) {
    // when
    APIGatewayV2HTTPResponse res = handler.handleRequest(event, new FakeContext());
    // then
    assertThat(res.getStatusCode()).isEqualTo(200);
    JsonNode body = Responses.body(res);
    assertThat(body.path("items")).hasSize(2);
    JsonNode first = body.path("items").get(0);
    assertThat(first.properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder("chain", "seq", "at", "actor",
        "action", "resource", "decision", "role", "requestId", "hash", "prevHash");
    assertThat(first.path("at").asText()).isEqualTo("2026-11-23T08:00:00Z");
    assertThat(first.path("requestId").asText()).isEqualTo("req-0");
    assertThat(first.path("hash").asText()).hasSize(64);
    assertThat(body.path("nextToken").isTextual()).isTrue();
  }

  @ParameterizedTest
  @Event(value = "audit/read-audit-bad-since.json", type = APIGatewayV2HTTPEvent.class)
  void read_shouldBe400NamingSince_whenSinceIsNotATimestamp(APIGatewayV2HTTPEvent event) {
    var res = handler.handleRequest(event, new FakeContext());
    assertThat(res.getStatusCode()).isEqualTo(400);
    assertThat(Responses.problemCode(res)).isEqualTo("VALIDATION");
    assertThat(Responses.body(res).path("detail").asText()).contains("since");
  }

  @ParameterizedTest
  @Event(value = "audit/read-audit-bad-limit.json", type = APIGatewayV2HTTPEvent.class)
  void read_shouldBe400NamingLimit_whenLimitIsTooLarge(APIGatewayV2HTTPEvent event) {
    var res = handler.handleRequest(event, new FakeContext());
    assertThat(res.getStatusCode()).isEqualTo(400);
    assertThat(Responses.body(res).path("detail").asText()).contains("limit");
  }

  @ParameterizedTest
  @Event(value = "audit/verify-audit.json", type = APIGatewayV2HTTPEvent.class)
  void verify_shouldReportEveryChain_thenTheEditedRecord(APIGatewayV2HTTPEvent event) {
    // when
    var valid = Responses.body(handler.handleRequest(event, new FakeContext()));
    // then
    // the three records, and the operator's use of the route, audited before the check
    assertThat(valid.toString()).isEqualTo("{\"valid\":true,\"checked\":4,\"chains\":4,\"digests\":0}");
    // and when the first request's record (the first of its chain) is edited
    int chain = AuditChains.of("req-0", 4);
    var key = Map.of(Keys.PK, AttributeValue.fromS(Keys.auditChain(chain)), Keys.SK, AttributeValue.fromS(Keys.auditRecord(1)));
    var item = new java.util.HashMap<>(table.client().getItem(r -> r.tableName(EmbeddedTable.NAME).key(key)).item());
    assertThat(item.get("requestId").s()).isEqualTo("req-0");
    item.put("actor", AttributeValue.fromS("mallory"));
    table.client().putItem(r -> r.tableName(EmbeddedTable.NAME).item(item));
    var broken = Responses.body(handler.handleRequest(event, new FakeContext()));
    assertThat(broken.path("valid").asBoolean()).isFalse();
    assertThat(broken.path("firstBroken").toString()).isEqualTo("{\"chain\":" + chain
        + ",\"seq\":1,\"reason\":\"HASH_MISMATCH\"}");
  }

  @ParameterizedTest
  @Event(value = "audit/verify-audit-not-operator.json", type = APIGatewayV2HTTPEvent.class)
  void verify_shouldBe403AndAudited_whenTheCallerIsNoOperator(APIGatewayV2HTTPEvent event) {
    // when
    var res = handler.handleRequest(event, new FakeContext());
    // then: refused, and the refusal joined a chain (4 records now, still valid)
    assertThat(res.getStatusCode()).isEqualTo(403);
    assertThat(component.trail().verify().checked()).isEqualTo(4);
  }
}
