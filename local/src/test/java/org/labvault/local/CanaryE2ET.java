package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labvault.local.testing.Backups;
import org.labvault.local.testing.HttpApi;
import org.labvault.local.testing.Stacks;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The canary runs the whole client path through the running stack as its own principal: it passes
 * on a healthy stack and leaves nothing behind, and it fails with an alarm when S3 is down.
 */
class CanaryE2ET {

  static final List<String> PATH =
      List.of("token", "createGroup", "declare", "upload", "verify", "download", "delete", "cleanUp");

  @TempDir Path state;

  /** Fires the schedule now, as `sam local invoke` with the scheduled event would. */
  private static JsonNode runCanary(HttpApi api) throws Exception {
    byte[] event = Files.readAllBytes(Stacks.root().resolve("events/canary/scheduled.json"));
    var answer = api.raw("POST", "/local/invoke/CanaryFunction", Map.of("Content-Type", "application/json"), event);
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("X-Amz-Function-Error")).as(answer.body()).isNull();
    return answer.json();
  }

  private static List<String> names(JsonNode run) {
    List<String> names = new ArrayList<>();
    run.path("steps").forEach(s -> names.add(s.path("name").asText()));
    return names;
  }

  /** A token of the canary's principal, as its client's grant makes it (the scope is what counts). */
  private static String canaryToken(LocalStack stack) {
    return stack.issuer().issue("app:canary", null, "local", List.of(), List.of("labvault/canary"), 600).token();
  }

  @Test
  void theCanaryPassesOnAHealthyStack_reportsItsSteps_andLeavesNothingBehind() throws Exception {
    try (LocalStack stack = Stacks.start(state)) {
      var api = new HttpApi(stack.api());
      String operator = api.token("ops-1", "platform", "operators");
      String alice = api.token("alice", "acme");
      // before the first run
      assertThat(api.get("/ops/canary/latest", operator).problemCode()).isEqualTo("NOT_FOUND");
      assertThat(api.get("/health", null).json().has("canary")).isFalse();

      // when
      JsonNode run = runCanary(api);

      // then
      assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("PASSED");
      assertThat(names(run)).containsExactlyElementsOf(PATH);
      run.path("steps").forEach(s -> {
        assertThat(s.path("ok").asBoolean()).as(s.toString()).isTrue();
        assertThat(s.path("ms").isIntegralNumber()).as(s.toString()).isTrue();
        assertThat(s.path("ms").asLong()).isNotNegative();
      });
      var latest = api.get("/ops/canary/latest", operator);
      assertThat(latest.status()).isEqualTo(200);
      assertThat(latest.json()).isEqualTo(run);
      assertThat(api.get("/ops/canary/latest", alice).status()).isEqualTo(403);
      var health = api.get("/health", null);
      assertThat(health.status()).isEqualTo(200);
      assertThat(health.json().path("canary").path("status").asText()).isEqualTo("PASSED");
      assertThat(health.json().path("canary").path("at").asText()).isEqualTo(run.path("at").asText());
      // nothing of the run remains: the canary belongs to no group any more
      var groups = api.get("/groups", canaryToken(stack));
      assertThat(groups.status()).isEqualTo(200);
      assertThat(groups.json().path("items")).as(groups.body()).isEmpty();
    }
  }

  @Test
  void theCanarysGroupsAreInItsOwnTenant_andNobodyElseSeesThem() throws Exception {
    try (LocalStack stack = Stacks.start(state)) {
      var api = new HttpApi(stack.api());
      String canary = canaryToken(stack);
      String group = api.createGroup(canary, "labvault-canary seen by nobody");
      // the canary is its creator, hence ADMIN
      assertThat(api.get("/groups/" + group, canary).json().path("role").asText()).isEqualTo("ADMIN");
      var meta = stack.dynamoDbClient().getItem(r -> r.tableName(stack.model().tables().get("DataTable").tableName())
          .key(Map.of("pk", AttributeValue.fromS("GROUP#" + group), "sk", AttributeValue.fromS("META")))).item();
      assertThat(meta.get("tenant").s()).isEqualTo("labvault-canary");
      // a user of a customer, and a user of another tenant, see nothing of it
      for (String user : List.of(api.token("alice", "local"), api.token("bob", "acme"))) {
        assertThat(api.get("/groups/" + group, user).status()).isEqualTo(404);
        assertThat(api.get("/groups", user).json().path("items")).isEmpty();
        assertThat(api.get("/groups/" + group + "/assets", user).status()).isEqualTo(404);
      }
      // and a token that merely names the canary does not make its bearer the canary
      var posing = api.get("/groups/" + group, api.token("app:canary", "labvault-canary"));
      assertThat(posing.status()).isEqualTo(401);
    }
  }

  @Test
  void theCanaryFailsAtTheUpload_andRaisesAnAlarm_whenS3IsDown() throws Exception {
    try (LocalStack stack = Stacks.start(state)) {
      var api = new HttpApi(stack.api());
      String operator = api.token("ops-1", "platform", "operators");
      // given
      stack.stopS3();
      // when
      JsonNode run = runCanary(api);
      // then
      assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("FAILED");
      assertThat(names(run)).containsExactly("token", "createGroup", "declare", "upload", "cleanUp");
      assertThat(run.path("steps").get(3).path("ok").asBoolean()).isFalse();
      assertThat(run.path("steps").get(2).path("ok").asBoolean()).isTrue();
      assertThat(api.get("/ops/canary/latest", operator).json().path("status").asText()).isEqualTo("FAILED");
      var alarms = new Backups(stack, api).alarms("CANARY_FAILED");
      assertThat(alarms).singleElement().satisfies(a -> {
        assertThat(a.get("category").s()).isEqualTo("PRODUCTION");
        assertThat(a.get("actor").s()).isEqualTo("system:canary");
        assertThat(a.get("detail").s()).startsWith("canary step upload failed");
      });
    }
  }
}
