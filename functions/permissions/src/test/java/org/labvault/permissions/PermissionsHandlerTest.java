package org.labvault.permissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.labvault.shared.testing.Responses.body;
import static org.labvault.shared.testing.Responses.problemCode;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.testing.EmbeddedTable;
import org.labvault.shared.testing.FakeContext;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class PermissionsHandlerTest {

  private static final String GROUP = "01a207c8-24bd-7da8-965e-feee279db2cc";

  private EmbeddedTable table;
  private final List<AuditEvent> audit = new ArrayList<>();
  private PermissionsHandler handler;

  @BeforeEach
  void setUp() {
    table = new EmbeddedTable();
    handler = new PermissionsHandler(DaggerTestPermissionsComponent.factory().create(table.client(), audit));
    // bob is an EDIT member of the group the sample events name
    table.client().putItem(r -> r.tableName(EmbeddedTable.NAME).item(Map.of(
        Keys.PK, AttributeValue.fromS(Keys.group(GROUP)), Keys.SK, AttributeValue.fromS(Keys.member("bob")),
        "role", AttributeValue.fromS("EDIT"))));
  }

  @AfterEach
  void tearDown() {
    table.close();
  }

  @ParameterizedTest
  @Event(value = "permissions/check.json", type = APIGatewayV2HTTPEvent.class)
  void check_shouldAnswerEachCheckInOrder_withoutLeakingUnknownResources(APIGatewayV2HTTPEvent event) {
    var res = handler.handleRequest(event, new FakeContext());
    assertThat(res.getStatusCode()).isEqualTo(200);
    var results = body(res).path("results");
    assertThat(results).hasSize(4);
    assertThat(results.get(0).path("allowed").asBoolean()).isTrue();
    assertThat(results.get(0).path("role").asText()).isEqualTo("EDIT");
    assertThat(results.get(0).path("action").asText()).isEqualTo("assets:write");
    assertThat(results.get(1).path("allowed").asBoolean()).isFalse();
    assertThat(results.get(1).path("role").asText()).isEqualTo("EDIT");
    for (int i : new int[] {2, 3}) {
      assertThat(results.get(i).path("allowed").asBoolean()).isFalse();
      assertThat(results.get(i).has("role")).isTrue();
      assertThat(results.get(i).path("role").isNull()).isTrue();
    }
    assertThat(results.get(3).path("resource").asText()).startsWith("asset:");
    assertThat(audit).as("checks change nothing and are not audited").isEmpty();
  }

  @ParameterizedTest
  @Event(value = "permissions/check.json", type = APIGatewayV2HTTPEvent.class)
  void check_shouldAnswerForTheVerifiedCallerOnly(APIGatewayV2HTTPEvent event) {
    event.getRequestContext().getAuthorizer().getJwt().getClaims().put("sub", "carol");
    var results = body(handler.handleRequest(event, new FakeContext())).path("results");
    results.forEach(r -> assertThat(r.path("allowed").asBoolean()).isFalse());
    results.forEach(r -> assertThat(r.path("role").isNull()).isTrue());
  }

  @ParameterizedTest
  @Event(value = "permissions/check-invalid.json", type = APIGatewayV2HTTPEvent.class)
  void check_shouldNameAnUnknownAction(APIGatewayV2HTTPEvent event) {
    var res = handler.handleRequest(event, new FakeContext());
    assertThat(res.getStatusCode()).isEqualTo(400);
    assertThat(problemCode(res)).isEqualTo("VALIDATION");
    assertThat(body(res).path("detail").asText()).startsWith("checks[0].action:");
  }

  @ParameterizedTest
  @Event(value = "permissions/check-too-many.json", type = APIGatewayV2HTTPEvent.class)
  void check_shouldRefuseMoreThan100Checks(APIGatewayV2HTTPEvent event) {
    var res = handler.handleRequest(event, new FakeContext());
    assertThat(res.getStatusCode()).isEqualTo(400);
    assertThat(body(res).path("detail").asText()).startsWith("checks:");
  }
}
