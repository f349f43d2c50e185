package org.labvault.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.labvault.local.template.EventSource;
import org.labvault.local.template.StackModel;
import org.labvault.local.template.Template;

/** The template's throttles as the gateway keeps them: one bucket per route, whoever calls it. */
class ThrottlesTest {

  private long now;

  private static StackModel template(Map<String, String> overrides) {
    Path root = Path.of(System.getProperty("labvault.root", ".."));
    return StackModel.build(Template.load(root.resolve("template.yaml")), "us-east-1", "000000000000", "labvault-local",
        overrides);
  }

  private static EventSource.HttpRoute route(StackModel model, String routeKey) {
    return model.routes().stream().filter(r -> r.routeKey().equals(routeKey)).findFirst().orElseThrow();
  }

  @Test
  void eachRouteHasItsOwnBucket_sizedByItsSettings() {
    StackModel model = template(Map.of("CostlyRouteThrottlingBurstLimit", "2", "CostlyRouteThrottlingRateLimit", "1",
        "ApiThrottlingBurstLimit", "3", "ApiThrottlingRateLimit", "1"));
    Throttles throttles = new Throttles(model, () -> now);
    var check = route(model, "POST /permissions/check");
    var invite = route(model, "POST /groups/{groupId}/invitations");
    var health = route(model, "GET /health");

    assertThat(throttles.take(check)).isEqualTo(TokenBucket.ADMITTED);
    assertThat(throttles.take(check)).isEqualTo(TokenBucket.ADMITTED);
    assertThat(throttles.take(check)).isEqualTo(1);
    // the same limits, another route: its bucket is still full
    assertThat(throttles.take(invite)).isEqualTo(TokenBucket.ADMITTED);
    for (int i = 0; i < 3; i++) {
      assertThat(throttles.take(health)).as("default burst of 3").isEqualTo(TokenBucket.ADMITTED);
    }
    assertThat(throttles.take(health)).isEqualTo(1);
    now += 1_000_000_000L;
    assertThat(throttles.take(check)).isEqualTo(TokenBucket.ADMITTED);
    assertThat(throttles.take(health)).isEqualTo(TokenBucket.ADMITTED);
  }
}
