package org.labvault.local.iot.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RuleQueryTest {

  /** The InstrumentIngestFunction's rule in template.yaml. */
  private static final String TEMPLATE_SQL =
      "SELECT *, topic(3) AS instrumentId, clientid() AS clientId FROM 'labvault/instruments/+/upload-requests'";

  private static RuleQuery.Outcome run(String sql, String topic, String payload) {
    return RuleQuery.parse(sql, "2016-03-23").evaluate(
        new RuleQuery.Message("i-1", topic, payload.getBytes(StandardCharsets.UTF_8), 1_700_000_000_123L));
  }

  private static ObjectNode event(String sql, String topic, String payload) {
    RuleQuery.Outcome outcome = run(sql, topic, payload);
    assertThat(outcome).isInstanceOf(RuleQuery.Outcome.Matched.class);
    return ((RuleQuery.Outcome.Matched) outcome).event();
  }

  @Test
  void theTemplatesRule_shouldAddTheInstrumentFromTheTopicAndTheClientId_overridingThePayload() {
    ObjectNode event = event(TEMPLATE_SQL, "labvault/instruments/i-1/upload-requests",
        "{\"requestId\":\"r-1\",\"instrumentId\":\"i-2\",\"clientId\":\"i-2\",\"sizeBytes\":12}");

    assertThat(event.path("requestId").asText()).isEqualTo("r-1");
    assertThat(event.path("sizeBytes").asInt()).isEqualTo(12);
    assertThat(event.path("instrumentId").asText()).as("from the topic, not the payload").isEqualTo("i-1");
    assertThat(event.path("clientId").asText()).isEqualTo("i-1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"labvault/instruments/i-1/upload-responses", "labvault/instruments/i-1/x/upload-requests",
      "labvault/instruments/upload-requests", "other/instruments/i-1/upload-requests"})
  void theTemplatesRule_shouldNotSelectOtherTopics(String topic) {
    assertThat(run(TEMPLATE_SQL, topic, "{}")).isInstanceOf(RuleQuery.Outcome.NotSelected.class);
  }

  @Test
  void aPayloadThatIsNoJsonObject_shouldNotMakeAnEvent_andAnEmptyOneShouldCountAsEmptyObject() {
    assertThat(run(TEMPLATE_SQL, "labvault/instruments/i-1/upload-requests", "not json"))
        .isInstanceOf(RuleQuery.Outcome.Unusable.class);
    assertThat(run(TEMPLATE_SQL, "labvault/instruments/i-1/upload-requests", "[1,2]"))
        .isInstanceOf(RuleQuery.Outcome.Unusable.class);
    assertThat(event(TEMPLATE_SQL, "labvault/instruments/i-1/upload-requests", "").toString())
        .isEqualTo("{\"instrumentId\":\"i-1\",\"clientId\":\"i-1\"}");
    assertThat(event("SELECT topic() AS t FROM 'a/#'", "a/b", "\u0000binary").toString())
        .as("without *, the payload's format does not matter").isEqualTo("{\"t\":\"a/b\"}");
  }

  @Test
  void items_shouldBeFieldsNestedFields_andTheFunctions() {
    ObjectNode event = event("SELECT state.reported.color, temperature AS temp, topic() AS t, topic(2) AS second,"
        + " topic(9) AS missing, timestamp() AS ts, clientid() AS c, absent FROM 'a/#'",
        "a/b/c", "{\"state\":{\"reported\":{\"color\":\"red\"}},\"temperature\":40}");

    assertThat(event.toString()).isEqualTo(
        "{\"color\":\"red\",\"temp\":40,\"t\":\"a/b/c\",\"second\":\"b\",\"ts\":1700000000123,\"c\":\"i-1\"}");
  }

  @ParameterizedTest(name = "{0} on {1}: {2}")
  @CsvSource(delimiter = '|', value = {
      "a/+/c   | a/b/c     | true",
      "a/+/c   | a/b/d/c   | false",
      "a/#     | a         | true",
      "a/#     | a/b/c     | true",
      "#       | $aws/x    | false",
      "+/b     | /b        | true",
  })
  void from_shouldMatchMqttWildcards(String filter, String topic, boolean selected) {
    assertThat(new TopicFilter(filter).matches(topic)).isEqualTo(selected);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "temperature > 50 AND color <> 'red'          | {\"color\":\"blue\",\"temperature\":60} | true",
      "temperature > 50 AND color <> 'red'          | {\"color\":\"red\",\"temperature\":60}  | false",
      "temperature > 50 AND color <> 'red'          | {\"color\":\"blue\"}                  | false",
      "NOT (kind = 'a' OR kind = 'b')               | {\"kind\":\"c\"}                      | true",
      "ok = true AND clientid() = 'i-1'             | {\"ok\":true}                         | true",
      "topic(2) = 'b' AND n <= 2.5                  | {\"n\":2}                             | true",
      "n = '2'                                      | {\"n\":2}                             | false",
  })
  void where_shouldSelectByComparisons(String condition, String payload, boolean selected) {
    assertThat(run("SELECT * FROM 'a/+' WHERE " + condition, "a/b", payload) instanceof RuleQuery.Outcome.Matched)
        .isEqualTo(selected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "SELECT principal() AS p FROM 'a'                | principal() is not supported",
      "SELECT topic() FROM 'a'                          | without AS is not supported",
      "SELECT a + 1 AS b FROM 'a'                       | '+' at 9 is not supported",
      "SELECT * FROM 'a' WHERE a IN (1, 2)              | the operator 'IN'",
      "SELECT VALUE a FROM 'a'                          | SELECT VALUE is not supported",
      "SELECT * FROM a                                  | FROM takes a topic filter in single quotes",
      "SELECT * FROM 'a/#/b'                            | not a valid MQTT topic filter",
      "SELECT * FROM 'a' WHERE a = 1 ORDER BY a         | 'ORDER' at 30 is not supported",
      "SELECT get(a, 0) AS x FROM 'a'                   | the function get() is not supported",
      "SELECT * FROM 'a' WHERE a = \"x\"                | '\"' at 28 is not supported",
  })
  void sqlTheLocalStackCannotEvaluate_shouldBeRefused_namingTheConstruct(String sql, String message) {
    assertThatThrownBy(() -> RuleQuery.parse(sql, "2016-03-23"))
        .isInstanceOf(UnsupportedSqlException.class)
        .hasMessageContaining(message);
  }

  @Test
  void anotherSqlVersion_shouldBeRefused() {
    assertThatThrownBy(() -> RuleQuery.parse("SELECT * FROM 'a'", "2015-10-08"))
        .hasMessageContaining("AwsIotSqlVersion 2015-10-08 is not supported by the local stack");
  }
}
