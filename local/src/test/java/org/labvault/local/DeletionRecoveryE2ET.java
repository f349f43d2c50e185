package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labvault.local.testing.Apps;
import org.labvault.local.testing.HttpApi;
import org.labvault.local.testing.Stacks;
import org.labvault.local.testing.Uploads;
import org.labvault.shared.json.Json;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Deletion notices survive what goes wrong on the way: a stack stopped between the deletion and
 * the publication, an application that never confirms (re-notified with backoff, then OVERDUE
 * and listed for operators), a poison message (to the sample application's dead-letter queue).
 * Waits are overridden to seconds, as {@code --parameter-overrides} allows.
 */
class DeletionRecoveryE2ET {

  /**
   * Waits of 3 s, then 6 s: short for a test, yet long enough that a loaded machine still checks
   * "not overdue yet" inside the second wait.
   */
  static final Map<String, String> FAST_RENOTIFY = Map.of("RenotifyAfterSeconds", "3", "RenotifyMaxAttempts", "2");
  static final Duration DELIVERY = Duration.ofSeconds(30);

  @TempDir Path state;

  static String uploaded(HttpApi api, String token, String group, String name) throws Exception {
    Uploads uploads = new Uploads(api);
    byte[] content = new byte[512];
    new Random(name.hashCode()).nextBytes(content);
    JsonNode created = uploads.declare(token, group, name, content, null);
    Uploads.put(created.at("/upload/url").asText(), Uploads.headersOf(created.path("upload")), content);
    String assetId = created.path("assetId").asText();
    uploads.awaitStatus(token, assetId, "AVAILABLE");
    return assetId;
  }

  static String link(HttpApi api, String token, String assetId, String appId, String ref) {
    var res = api.postJson("/assets/" + assetId + "/app-links", token,
        "{\"appId\":\"" + appId + "\",\"externalRef\":\"" + ref + "\"}");
    assertThat(res.status()).as(res.body()).isEqualTo(201);
    return res.json().path("linkId").asText();
  }

  @Test
  void aNoticeNotPublishedBeforeAStopIsDeliveredAfterTheRestart() throws Exception {
    String alice;
    String assetId;
    try (LocalStack first = LocalStack.start(Stacks.options(state))) {
      HttpApi api = new HttpApi(first.api());
      new Apps(api, first.sqsClient(), first.snsClient()).register("sample-eln");
      alice = api.token("alice", "acme");
      String group = api.createGroup(alice, "restart lab");
      assetId = uploaded(api, alice, group, "restart.csv");
      link(api, alice, assetId, "sample-eln", "ELN-RESTART");
      first.sns().failPublishes(true);
      assertThat(api.send("DELETE", "/assets/" + assetId, alice, null, null).status()).isEqualTo(202);
      Thread.sleep(500); // the stream consumer sees the deletion and fails to publish
    }
    try (LocalStack second = LocalStack.start(Stacks.options(state))) {
      HttpApi api = new HttpApi(second.api());
      String token = api.token("alice", "acme");
      JsonNode status = await().atMost(DELIVERY).pollInterval(Duration.ofMillis(250))
          .until(() -> api.get("/assets/" + assetId + "/deletion", token).json(),
              d -> d.path("status").asText().equals("COMPLETE"));
      assertThat(status.path("links")).hasSize(1);
    }
  }

  @Test
  void aNeverConfirmingAppIsRenotifiedWithBackoffThenOverdueAndListedForOperators() throws Exception {
    try (LocalStack stack = LocalStack.start(Stacks.options(state, FAST_RENOTIFY))) {
      HttpApi api = new HttpApi(stack.api());
      Apps apps = new Apps(api, stack.sqsClient(), stack.snsClient());
      Apps.App silent = apps.registerAndSubscribe("silent-app");
      String alice = api.token("alice", "acme");
      String group = api.createGroup(alice, "overdue lab");
      String assetId = uploaded(api, alice, group, "overdue.csv");
      String linkId = link(api, alice, assetId, "silent-app", "SILENT-1");
      assertThat(api.send("DELETE", "/app-links/" + linkId, alice, null, null).status()).isEqualTo(202);
      assertThat(attempts(apps.receive(silent, 1, DELIVERY))).containsExactly(1);

      Thread.sleep(3100); // due after RenotifyAfterSeconds
      renotify(api);
      assertThat(attempts(apps.receive(silent, 1, DELIVERY))).containsExactly(2);
      renotify(api); // the second attempt is due only after 6 s: nothing happens yet
      assertThat(api.get("/assets/" + assetId + "/deletion", alice).json().at("/links/0/status").asText())
          .isEqualTo("NOTIFIED");

      Thread.sleep(6100);
      renotify(api);
      JsonNode overdue = api.get("/ops/deletions?status=OVERDUE", apps.operatorToken()).json();
      assertThat(overdue.path("items")).anySatisfy(i -> {
        assertThat(i.path("linkId").asText()).isEqualTo(linkId);
        assertThat(i.path("assetId").asText()).isEqualTo(assetId);
        assertThat(i.path("appId").asText()).isEqualTo("silent-app");
        assertThat(i.path("attempts").asInt()).isEqualTo(2);
        assertThat(i.path("notifiedAt").asText()).isNotBlank();
      });
      JsonNode deletion = api.get("/assets/" + assetId + "/deletion", alice).json();
      assertThat(deletion.at("/links/0/status").asText()).isEqualTo("OVERDUE");
      assertThat(deletion.path("status").asText()).isEqualTo("PENDING");
      assertThat(apps.receive(silent, 0, Duration.ofSeconds(1))).isEmpty(); // no third attempt

      // a late confirmation still counts
      assertThat(apps.confirm(silent.token(), linkId).status()).isEqualTo(204);
      assertThat(api.get("/assets/" + assetId + "/deletion", alice).json().path("status").asText()).isEqualTo("COMPLETE");
      assertThat(api.get("/ops/deletions?status=OVERDUE", apps.operatorToken()).json().path("items"))
          .noneSatisfy(i -> assertThat(i.path("linkId").asText()).isEqualTo(linkId));
    }
  }

  @Test
  void aPoisonMessageEndsInTheSampleApplicationsDeadLetterQueue() throws Exception {
    Map<String, String> quickRetries = Map.of("SampleElnVisibilityTimeout", "1");
    try (LocalStack stack = LocalStack.start(Stacks.options(state, quickRetries))) {
      Map<String, String> resources = stack.model().physicalNames();
      String queue = resources.get("SampleElnQueue");
      String deadLetters = resources.get("SampleElnDeadLetterQueue");
      try (var sqs = stack.sqsClient()) {
        sqs.sendMessage(m -> m.queueUrl(queue).messageBody("{\"type\":\"AppLinkDeleted\",\"linkId\":"));
        var dead = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
            .until(() -> sqs.receiveMessage(r -> r.queueUrl(deadLetters).waitTimeSeconds(1)
                .messageSystemAttributeNames(software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                .messages(), m -> !m.isEmpty());
        assertThat(dead.getFirst().body()).isEqualTo("{\"type\":\"AppLinkDeleted\",\"linkId\":");
        assertThat(sqs.receiveMessage(r -> r.queueUrl(queue).waitTimeSeconds(1)).messages()).isEmpty();
      }
    }
  }

  static void renotify(HttpApi api) {
    String event = "{\"version\":\"0\",\"id\":\"" + java.util.UUID.randomUUID() + "\",\"detail-type\":\"Scheduled Event\","
        + "\"source\":\"aws.events\",\"account\":\"000000000000\",\"time\":\"" + java.time.Instant.now().truncatedTo(
            java.time.temporal.ChronoUnit.SECONDS) + "\",\"region\":\"us-east-1\",\"resources\":[],\"detail\":{}}";
    var res = api.postJson("/local/invoke/RenotifyFunction", null, event);
    assertThat(res.status()).as(res.body()).isEqualTo(200);
  }

  static List<Integer> attempts(List<Message> messages) {
    return messages.stream().map(m -> {
      try {
        return Json.instance().mapper().readTree(m.body()).path("attempt").asInt();
      } catch (java.io.IOException e) {
        throw new AssertionError(e);
      }
    }).toList();
  }
}
