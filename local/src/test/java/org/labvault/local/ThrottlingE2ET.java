package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.labvault.local.testing.HttpApi;
import org.labvault.local.testing.StackExtension;

/**
 * The template's throttles on the running stack. The costly routes' limits are lowered the way a
 * deploy would lower them (parameter overrides): 2 requests at once, then one token every 100 s,
 * so nothing refills while the test runs. The gateway's code path is the one every stack runs.
 */
class ThrottlingE2ET {

  @RegisterExtension static final StackExtension STACK = new StackExtension(Map.of(
      "CostlyRouteThrottlingBurstLimit", "2",
      "CostlyRouteThrottlingRateLimit", "0.01"));
  static HttpApi api;

  @BeforeAll
  static void find() {
    api = STACK.api();
  }

  private static HttpApi.Answer invite(String admin, String group, String userId) {
    return api.postJson("/groups/" + group + "/invitations", admin, "{\"userId\":\"" + userId + "\",\"role\":\"EDIT\"}");
  }

  @Test
  void aRouteOverItsLimitIs429WithRetryAfter_forEveryCaller_whileOtherRoutesAnswer() {
    String alice = api.token("alice", "acme");
    String group = api.createGroup(alice, "throttled lab");
    assertThat(invite(alice, group, "bob").status()).isEqualTo(201);
    assertThat(invite(alice, group, "carol").status()).isEqualTo(201);

    var throttled = invite(alice, group, "dave");
    assertThat(throttled.status()).as(throttled.body()).isEqualTo(429);
    assertThat(throttled.problemCode()).isEqualTo("TOO_MANY_REQUESTS");
    assertThat(throttled.json().path("title").asText()).isEqualTo("Too Many Requests");
    assertThat(throttled.json().path("detail").asText()).contains("POST /groups/{groupId}/invitations");
    assertThat(throttled.header("X-Request-Id")).isNotBlank();
    assertThat(Long.parseLong(throttled.header("Retry-After"))).as("whole seconds until the next token").isBetween(1L, 100L);

    // the bucket is the route's, not the caller's: another admin of another group is refused too
    String erin = api.token("erin", "globex");
    String other = api.createGroup(erin, "another lab");
    assertThat(invite(erin, other, "frank").status()).isEqualTo(429);

    // the refused requests never reached the function: only the two admitted invitations exist
    var pending = api.get("/groups/" + group + "/invitations", alice);
    assertThat(pending.status()).as(pending.body()).isEqualTo(200);
    assertThat(pending.json().path("items").findValuesAsText("userId")).containsExactlyInAnyOrder("bob", "carol");
    assertThat(api.get("/groups/" + other + "/invitations", erin).json().path("items")).isEmpty();

    // other routes keep their own buckets: the default limits, and the same low limits elsewhere
    assertThat(api.get("/groups/" + group, alice).status()).isEqualTo(200);
    assertThat(api.get("/health", null).status()).isEqualTo(200);
    var check = api.postJson("/permissions/check", alice,
        "{\"checks\":[{\"resource\":\"group:" + group + "\",\"action\":\"group:read\"}]}");
    assertThat(check.status()).as(check.body()).isEqualTo(200);
    assertThat(check.json().path("results").get(0).path("allowed").asBoolean()).isTrue();
  }

  @Test
  void aRequestWithoutCredentialsOnAnExhaustedRouteIsThrottledBeforeItIsAuthorized() {
    String alice = api.token("alice-2", "acme");
    String assets = "/groups/" + api.createGroup(alice, "uploads") + "/assets";
    // exhausts the bucket of a route the other test does not use, whatever the answers are
    api.postJson(assets, alice, "{}");
    api.postJson(assets, alice, "{}");
    var anonymous = api.postJson(assets, null, "{}");
    assertThat(anonymous.status()).as(anonymous.body()).isEqualTo(429);
    assertThat(anonymous.problemCode()).isEqualTo("TOO_MANY_REQUESTS");
    assertThat(anonymous.header("WWW-Authenticate")).isNull();
  }
}
