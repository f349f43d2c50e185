package org.labvault.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.labvault.shared.alarm.Alarm;
import org.labvault.shared.config.Config;
import org.labvault.shared.testing.EmbeddedTable;
import org.labvault.shared.testing.EmbeddedTableModule;
import org.labvault.shared.testing.FakeContext;
import org.labvault.shared.testing.Responses;
import org.labvault.shared.testing.TestClock;

/** GET /ops/alarms on the sample events of events/monitor. */
class AlarmOpsHandlerTest {

  private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
  private EmbeddedTable table;
  private AlarmOpsHandler handler;
  private TestAlarmOpsComponent component;

  @BeforeEach
  void setUp() {
    table = new EmbeddedTable();
    var config = Config.from(Map.of(Config.Names.TABLE_NAME, EmbeddedTable.NAME, Config.Names.AUDIT_CHAINS, "4",
        Config.Names.PAGE_TOKEN_KEY, EmbeddedTableModule.PAGE_TOKEN_KEY));
    component = DaggerTestAlarmOpsComponent.factory().create(config, table.client(), new TestClock(T0.plusSeconds(60)));
    handler = new AlarmOpsHandler(component);
    component.alarmLog().raise(Alarm.of("a3", T0.plusSeconds(2), Alarm.AlarmType.MASS_DELETE, "bulk", "50 deletions"));
    component.alarmLog().raise(Alarm.of("a1", T0, Alarm.AlarmType.BACKUP_FAILED, "system:backup", "drill failed"));
    component.alarmLog().raise(Alarm.of("a2", T0.plusSeconds(1), Alarm.AlarmType.ADMIN_GRANTED, "alice", "bob is ADMIN"));
  }

  @AfterEach
  void tearDown() {
    table.close();
  }

  @ParameterizedTest
  @Event(value = "monitor/read-alarms.json", type = APIGatewayV2HTTPEvent.class)
  void read_shouldAnswerTheContractsShapeOldestFirst_inPages(APIGatewayV2HTTPEvent event) {
    var res = handler.handleRequest(event, new FakeContext());
    assertThat(res.getStatusCode()).isEqualTo(200);
    JsonNode body = Responses.body(res);
    assertThat(body.path("items")).hasSize(2);
    JsonNode first = body.path("items").get(0);
    assertThat(first.properties()).extracting(Map.Entry::getKey)
        .containsExactly("alarmId", "at", "type", "category", "actor", "detail");
    assertThat(first.path("type").asText()).isEqualTo("BACKUP_FAILED");
    assertThat(first.path("category").asText()).isEqualTo("PRODUCTION");
    assertThat(body.path("items").get(1).path("alarmId").asText()).isEqualTo("a2");
    // the next page holds the third
    event.getQueryStringParameters().put("nextToken", body.path("nextToken").asText());
    var next = Responses.body(handler.handleRequest(event, new FakeContext()));
    assertThat(next.path("items")).singleElement().satisfies(a -> assertThat(a.path("alarmId").asText()).isEqualTo("a3"));
    assertThat(next.has("nextToken")).isFalse();
  }

  @ParameterizedTest
  @Event(value = "monitor/read-alarms.json", type = APIGatewayV2HTTPEvent.class)
  void read_shouldListFromTheStartOfYesterday_whenNoSinceIsGiven(APIGatewayV2HTTPEvent event) {
    // given: now is T0 + 60 s (2026-11-23); one alarm the day before yesterday, one at the start of yesterday
    component.alarmLog().raise(Alarm.of("a0", Instant.parse("2026-11-21T23:59:59Z"),
        Alarm.AlarmType.DENIAL_BURST, "mallory", "20 refusals"));
    component.alarmLog().raise(Alarm.of("b0", Instant.parse("2026-11-22T00:00:00Z"),
        Alarm.AlarmType.DENIAL_BURST, "mallory", "20 refusals"));
    event.getQueryStringParameters().remove("since");
    event.getQueryStringParameters().remove("limit");
    // when
    var res = handler.handleRequest(event, new FakeContext());
    // then
    assertThat(res.getStatusCode()).isEqualTo(200);
    assertThat(Responses.body(res).path("items")).extracting(a -> a.path("alarmId").asText()).containsExactly("b0", "a1", "a2", "a3");
    event.getQueryStringParameters().put("since", "2026-11-21T00:00:00Z");
    assertThat(Responses.body(handler.handleRequest(event, new FakeContext())).path("items"))
        .extracting(a -> a.path("alarmId").asText()).containsExactly("a0", "b0", "a1", "a2", "a3");
  }

  @ParameterizedTest
  @Event(value = "monitor/read-alarms-bad-since.json", type = APIGatewayV2HTTPEvent.class)
  void read_shouldBe400NamingSince_whenSinceIsNotATimestamp(APIGatewayV2HTTPEvent event) {
    var res = handler.handleRequest(event, new FakeContext());
    assertThat(res.getStatusCode()).isEqualTo(400);
    assertThat(Responses.problemCode(res)).isEqualTo("VALIDATION");
    assertThat(Responses.body(res).path("detail").asText()).contains("since");
  }

  @ParameterizedTest
  @Event(value = "monitor/read-alarms.json", type = APIGatewayV2HTTPEvent.class)
  void read_shouldBe400_whenSinceIsMoreThan366DaysBack(APIGatewayV2HTTPEvent event) {
    event.getQueryStringParameters().put("since", "2025-11-01T00:00:00Z");
    var res = handler.handleRequest(event, new FakeContext());
    assertThat(res.getStatusCode()).isEqualTo(400);
    assertThat(Responses.problemCode(res)).isEqualTo("VALIDATION");
  }

  @ParameterizedTest
  @Event(value = "monitor/read-alarms-not-operator.json", type = APIGatewayV2HTTPEvent.class)
  void read_shouldBe403_forANonOperator(APIGatewayV2HTTPEvent event) {
    var res = handler.handleRequest(event, new FakeContext());
    assertThat(res.getStatusCode()).isEqualTo(403);
    assertThat(Responses.problemCode(res)).isEqualTo("FORBIDDEN");
  }
}
