package org.labvault.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.labvault.local.template.EventSource;

class RouteTableTest {

  private static EventSource.HttpRoute route(String method, String path) {
    return new EventSource.HttpRoute("Fn", method + path, "Api", method, path, null, List.of());
  }

  private final RouteTable table = new RouteTable(List.of(
      route("GET", "/groups/{groupId}"),
      route("GET", "/groups/mine"),
      route("POST", "/groups/{groupId}/invitations"),
      route("ANY", "/files/{proxy+}"),
      route("GET", "/files/{proxy+}"),
      route("GET", "/health")));

  @Test
  void match_shouldPreferLiteralSegmentsOverVariables() {
    assertThat(table.match("GET", "/groups/mine").orElseThrow().route().path()).isEqualTo("/groups/mine");
    var g = table.match("GET", "/groups/g-1").orElseThrow();
    assertThat(g.route().path()).isEqualTo("/groups/{groupId}");
    assertThat(g.pathParameters()).isEqualTo(Map.of("groupId", "g-1"));
  }

  @Test
  void match_shouldNeedTheMethodAndTheWholePath() {
    assertThat(table.match("DELETE", "/health")).isEmpty();
    assertThat(table.match("GET", "/groups/g-1/extra")).isEmpty();
    assertThat(table.match("GET", "/groups")).isEmpty();
    assertThat(table.match("GET", "/groups//")).isEmpty();
  }

  @Test
  void match_shouldDecodePathParameters() {
    assertThat(table.match("GET", "/groups/a%20b").orElseThrow().pathParameters()).containsEntry("groupId", "a b");
  }

  @Test
  void match_shouldBindGreedyVariablesAndPreferAnExactMethodOverAny() {
    var m = table.match("GET", "/files/a/b/c").orElseThrow();
    assertThat(m.route().method()).isEqualTo("GET");
    assertThat(m.pathParameters()).containsEntry("proxy", "a/b/c");
    assertThat(table.match("PUT", "/files/x").orElseThrow().route().method()).isEqualTo("ANY");
  }

  @Test
  void match_shouldFallBackToTheDefaultRoute() {
    var withDefault = new RouteTable(List.of(route("GET", "/health"), route("ANY", "$default")));
    assertThat(withDefault.match("POST", "/anything").orElseThrow().route().path()).isEqualTo("$default");
  }
}
