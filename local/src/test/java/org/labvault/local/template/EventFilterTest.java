package org.labvault.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventFilterTest {

  private static Map<String, Object> record(String eventName, String pk, String sk) {
    return Map.of("eventName", eventName, "eventSource", "aws:dynamodb",
        "dynamodb", Map.of("Keys", Map.of("pk", Map.of("S", pk), "sk", Map.of("S", sk)), "SizeBytes", 120));
  }

  private static EventFilter filters(String... patterns) {
    return EventFilter.of(List.of(patterns).stream().<Object>map(p -> Map.of("Pattern", p)).toList());
  }

  @Test
  void aRecord_shouldPass_whenEveryKeyOfOneFilterMatches() {
    var f = filters("{\"eventName\":[\"INSERT\"],\"dynamodb\":{\"Keys\":{\"pk\":{\"S\":[{\"prefix\":\"AUDIT#CHAIN#\"}]},"
        + "\"sk\":{\"S\":[{\"prefix\":\"SEQ#\"}]}}}}", "{\"eventName\":[\"INSERT\"],\"dynamodb\":{\"Keys\":{\"pk\":{\"S\":[{\"prefix\":\"ALARMS#\"}]}}}}");
    assertThat(f.passes(record("INSERT", "AUDIT#CHAIN#003", "SEQ#000000000001"))).isTrue();
    assertThat(f.passes(record("INSERT", "ALARMS#2026-11-23", "2026-11-23T08:00:00Z#a"))).isTrue();
    assertThat(f.passes(record("MODIFY", "AUDIT#CHAIN#003", "SEQ#000000000001"))).as("not an insert").isFalse();
    assertThat(f.passes(record("INSERT", "AUDIT#CHAIN#003", "HEAD"))).as("the chain head").isFalse();
    assertThat(f.passes(record("INSERT", "GROUP#g1", "META"))).isFalse();
  }

  @Test
  void noFilters_shouldLetEveryRecordThrough() {
    assertThat(EventFilter.of(List.of()).passes(record("REMOVE", "GROUP#g", "META"))).isTrue();
  }

  @Test
  void existsAnythingButAndNumbers_shouldMatchAsLambdaMatchesThem() {
    assertThat(filters("{\"dynamodb\":{\"NewImage\":[{\"exists\":false}]}}").passes(record("REMOVE", "a", "b"))).isTrue();
    assertThat(filters("{\"dynamodb\":{\"Keys\":[{\"exists\":true}]}}").passes(record("REMOVE", "a", "b"))).isTrue();
    assertThat(filters("{\"eventName\":[{\"anything-but\":[\"REMOVE\"]}]}").passes(record("REMOVE", "a", "b"))).isFalse();
    assertThat(filters("{\"eventName\":[{\"anything-but\":\"REMOVE\"}]}").passes(record("INSERT", "a", "b"))).isTrue();
    assertThat(filters("{\"dynamodb\":{\"SizeBytes\":[120.0]}}").passes(record("INSERT", "a", "b"))).isTrue();
    assertThat(filters("{\"dynamodb\":{\"SizeBytes\":[121]}}").passes(record("INSERT", "a", "b"))).isFalse();
  }

  @Test
  void operatorsTheStackDoesNotApply_shouldBeRefusedWhenRead() {
    assertThatThrownBy(() -> filters("{\"dynamodb\":{\"SizeBytes\":[{\"numeric\":[\">\",0]}]}}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numeric");
    assertThatThrownBy(() -> filters("{\"eventName\":\"INSERT\"}")).hasMessageContaining("array");
    assertThatThrownBy(() -> EventFilter.of(List.of(Map.of("Pattern", "not json")))).hasMessageContaining("JSON");
  }
}
