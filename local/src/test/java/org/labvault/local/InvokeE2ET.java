package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.labvault.local.testing.HttpApi;
import org.labvault.local.testing.StackExtension;
import org.labvault.local.testing.Stacks;

/** POST /local/invoke runs one function once, like `sam local invoke -e events/...`. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the canary runs last: before it, there is no run to read
class InvokeE2ET {

  @RegisterExtension static final StackExtension STACK = new StackExtension();
  static HttpApi api;

  @BeforeAll
  static void client() {
    api = STACK.api();
  }

  @ParameterizedTest
  @CsvSource({
    "health.json, 200",
    "list-notifications.json, 200",
    "list-notifications-bad-limit.json, 400",
    "list-notifications-foreign-token.json, 400",
    "create-notification.json, 201",
    "create-notification-for-tenant.json, 201",
    "create-notification-not-operator.json, 403",
    "create-notification-invalid.json, 400",
    "create-notification-unknown-field.json, 400",
    "create-notification-malformed.json, 400",
    "create-notification-wrong-media-type.json, 415",
    "register-app.json, 201",
    "register-app-invalid.json, 400",
    "register-app-not-operator.json, 403",
    "list-apps.json, 200",
    "list-overdue-deletions.json, 200",
    "list-deletions-bad-status.json, 400",
    "canary-latest.json, 404",
  })
  void everySampleEventRunsAgainstTheRealAdapters(String file, int status) throws Exception {
    byte[] event = Files.readAllBytes(Stacks.root().resolve("events/ops").resolve(file));
    var answer = api.raw("POST", "/local/invoke/OpsFunction", Map.of("Content-Type", "application/json"), event);
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("X-Amz-Function-Error")).isNull();
    assertThat(answer.header("X-Request-Id")).as("every answer carries one").isNotBlank();
    assertThat(answer.json().path("statusCode").asInt()).as(answer.body()).isEqualTo(status);
  }

  @Test
  void everySampleEventIsCoveredAbove() throws Exception {
    try (var files = Files.list(Stacks.root().resolve("events/ops"))) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).hasSize(18);
    }
  }

  /** Every sample event of every function runs without a function error or a 500 (unseeded ids: 404s). */
  @ParameterizedTest
  @CsvSource({"groups, GroupsFunction", "permissions, PermissionsFunction", "assets, AssetsFunction",
      "uploadevents, UploadEventsFunction", "deletion, DeletionFunction", "instruments, InstrumentsFunction",
      "instrumentingest, InstrumentIngestFunction", "audit, AuditOpsFunction"})
  void theOtherFunctionsSampleEventsRunToo(String folder, String function) throws Exception {
    try (var files = Files.list(Stacks.root().resolve("events").resolve(folder))) {
      for (var file : files.sorted().filter(f -> !isAuditDigestEvent(folder, f)).toList()) {
        var answer = api.raw("POST", "/local/invoke/" + function, Map.of("Content-Type", "application/json"), Files.readAllBytes(file));
        assertThat(answer.status()).as(file.toString()).isEqualTo(200);
        assertThat(answer.header("X-Amz-Function-Error")).as(file + ": " + answer.body()).isNull();
        if (!folder.equals("uploadevents") && !folder.equals("instrumentingest")) {
          assertThat(answer.json().path("statusCode").asInt()).as(file + ": " + answer.body()).isBetween(200, 499);
        }
      }
    }
  }

  /** The monitor module's sample events: its alarms route, and its stream consumer on the two kinds of insert it is given. */
  @ParameterizedTest
  @CsvSource({
    "read-alarms.json, AlarmOpsFunction, 200",
    "read-alarms-bad-since.json, AlarmOpsFunction, 400",
    "read-alarms-not-operator.json, AlarmOpsFunction, 403",
    "audit-record-inserted.json, AuditMonitorFunction, 0",
    "alarm-inserted.json, AuditMonitorFunction, 0",
  })
  void theMonitorsSampleEventsRun(String file, String function, int status) throws Exception {
    byte[] event = Files.readAllBytes(Stacks.root().resolve("events/monitor").resolve(file));
    var answer = api.raw("POST", "/local/invoke/" + function, Map.of("Content-Type", "application/json"), event);
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("X-Amz-Function-Error")).as(answer.body()).isNull();
    if (status == 0) {
      assertThat(answer.json().path("batchItemFailures")).as(answer.body()).isEmpty();
    } else {
      assertThat(answer.json().path("statusCode").asInt()).as(answer.body()).isEqualTo(status);
    }
  }

  @Test
  void everyMonitorSampleEventIsCoveredAbove() throws Exception {
    try (var files = Files.list(Stacks.root().resolve("events/monitor"))) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).hasSize(5);
    }
  }

  /** The digest function shares events/audit with the audit routes (one module, two handlers). */
  private static boolean isAuditDigestEvent(String folder, java.nio.file.Path file) {
    return folder.equals("audit") && file.getFileName().toString().contains("digest");
  }

  @Test
  void theAuditDigestFunctionsSampleEventsRun_theScheduleAndTheRoute() throws Exception {
    var events = new java.util.TreeMap<String, JsonNode>();
    try (var files = Files.list(Stacks.root().resolve("events/audit"))) {
      for (var file : files.filter(f -> isAuditDigestEvent("audit", f)).toList()) {
        var answer = api.raw("POST", "/local/invoke/AuditDigestFunction", Map.of("Content-Type", "application/json"),
            Files.readAllBytes(file));
        assertThat(answer.status()).as(file.toString()).isEqualTo(200);
        assertThat(answer.header("X-Amz-Function-Error")).as(file + ": " + answer.body()).isNull();
        events.put(file.getFileName().toString(), answer.json());
      }
    }
    assertThat(events).containsOnlyKeys("scheduled-digest.json", "take-digest.json", "take-digest-not-operator.json");
    assertThat(events.get("scheduled-digest.json").path("signature").asText()).isNotEmpty();
    assertThat(events.get("take-digest.json").path("statusCode").asInt()).isEqualTo(201);
    assertThat(events.get("take-digest-not-operator.json").path("statusCode").asInt()).isEqualTo(403);
  }

  /** The canary's sample events fire its schedule now: one whole run through the stack's API. */
  @Test
  @Order(Integer.MAX_VALUE)
  void theCanarysSampleEventsRunIt() throws Exception {
    try (var files = Files.list(Stacks.root().resolve("events/canary"))) {
      for (var file : files.sorted().toList()) {
        var answer = api.raw("POST", "/local/invoke/CanaryFunction", Map.of("Content-Type", "application/json"), Files.readAllBytes(file));
        assertThat(answer.status()).as(file.toString()).isEqualTo(200);
        assertThat(answer.header("X-Amz-Function-Error")).as(file + ": " + answer.body()).isNull();
        assertThat(answer.json().path("status").asText()).as(file + ": " + answer.body()).isEqualTo("PASSED");
      }
    }
    // and the operators' sample event now reads that run
    byte[] latest = Files.readAllBytes(Stacks.root().resolve("events/ops/canary-latest.json"));
    var answer = api.raw("POST", "/local/invoke/OpsFunction", Map.of("Content-Type", "application/json"), latest);
    assertThat(answer.json().path("statusCode").asInt()).as(answer.body()).isEqualTo(200);
    assertThat(answer.json().path("body").asText()).contains("\"status\":\"PASSED\"");
  }

  /** Callers invoke the published alias: locally there are no versions, so the alias is the function. */
  @ParameterizedTest
  @CsvSource({"OpsFunctionAliaslive", "labvault-local-OpsFunction:live",
      "arn:aws:lambda:us-east-1:000000000000:function:labvault-local-OpsFunction:live"})
  void theLiveAliasInvokesTheFunction(String target) throws Exception {
    byte[] event = Files.readAllBytes(Stacks.root().resolve("events/ops/health.json"));
    var answer = api.raw("POST", "/local/invoke/" + target, Map.of("Content-Type", "application/json"), event);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.json().path("statusCode").asInt()).as(answer.body()).isEqualTo(200);
  }

  /** A version names nothing locally (none is published), and neither does an alias the template does not publish. */
  @ParameterizedTest
  @CsvSource({"labvault-local-OpsFunction:1", "labvault-local-OpsFunction:prod", "OpsFunctionAliasprod"})
  void aVersionOrAnotherAliasIs404(String target) {
    var answer = api.raw("POST", "/local/invoke/" + target, Map.of(), "{}".getBytes());
    assertThat(answer.status()).isEqualTo(404);
  }

  @Test
  void anUnknownFunctionIs404() {
    var answer = api.raw("POST", "/local/invoke/NoSuchFunction", Map.of(), "{}".getBytes());
    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.problemCode()).isEqualTo("NOT_FOUND");
  }

  @Test
  void aMalformedEventIs400() {
    var answer = api.raw("POST", "/local/invoke/OpsFunction", Map.of(), "{not json".getBytes());
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.problemCode()).isEqualTo("VALIDATION");
  }
}
