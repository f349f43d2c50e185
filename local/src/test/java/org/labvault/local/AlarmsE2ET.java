package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.labvault.local.testing.HttpApi;
import org.labvault.local.testing.StackExtension;
import org.labvault.shared.json.Json;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Security alarms end to end: real requests write audit records, the table's stream brings them to
 * the audit monitor, GET /ops/alarms shows what it raised, and a queue subscribed to the alarms
 * topic receives every alarm.
 */
class AlarmsE2ET {

  @RegisterExtension static final StackExtension STACK = new StackExtension();
  private static final Duration STREAM = Duration.ofSeconds(60);
  static HttpApi api;
  static String operator;
  static String since;
  static SqsClient sqs;
  static String queueUrl;
  static final List<Message> received = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void setUp() {
    api = STACK.api();
    operator = api.token("op-alarms", "platform", "operators");
    since = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.SECONDS).toString();
    // an operator's queue on the alarms topic, as the README shows
    sqs = STACK.stack().sqsClient();
    queueUrl = sqs.createQueue(r -> r.queueName("operator-alarms")).queueUrl();
    String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes().get(QueueAttributeName.QUEUE_ARN);
    String topicArn = STACK.stack().model().topics().get("AlarmsTopic").arn();
    try (var sns = STACK.stack().snsClient()) {
      sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn)
          .attributes(Map.of("RawMessageDelivery", "true")));
    }
  }

  @AfterAll
  static void close() {
    sqs.close();
  }

  /** Every alarm since the start of the class, every page. */
  private static List<JsonNode> alarms() {
    List<JsonNode> out = new ArrayList<>();
    String next = null;
    do {
      var page = api.get("/ops/alarms?since=" + since + "&limit=100" + (next == null ? "" : "&nextToken=" + next), operator);
      assertThat(page.status()).as(page.body()).isEqualTo(200);
      page.json().path("items").forEach(out::add);
      next = page.json().path("nextToken").isTextual() ? java.net.URLEncoder.encode(page.json().path("nextToken").asText(),
          java.nio.charset.StandardCharsets.UTF_8) : null;
    } while (next != null);
    return out;
  }

  private static List<JsonNode> of(String type, String actor) {
    return alarms().stream().filter(a -> a.path("type").asText().equals(type) && a.path("actor").asText().equals(actor)).toList();
  }

  @Test
  void aBurstOf25Refusals_shouldRaiseExactlyOneDenialBurst() {
    String alice = api.token("alice-burst", "acme");
    String mallory = api.token("mallory-burst", "globex");
    String group = api.createGroup(alice, "not for mallory");
    for (int i = 0; i < 25; i++) {
      assertThat(api.get("/groups/" + group, mallory).status()).isEqualTo(404);
    }
    await().atMost(STREAM).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
        assertThat(of("DENIAL_BURST", "mallory-burst")).isNotEmpty());
    // the whole burst is through the stream once its last refusal is counted; still one alarm
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(of("DENIAL_BURST", "mallory-burst")).singleElement().satisfies(a -> {
          assertThat(a.path("category").asText()).isEqualTo("CYBER_SECURITY");
          assertThat(a.path("detail").asText()).contains("refusals");
        }));
  }

  @Test
  void grantingAdmin_shouldRaiseAdminGranted() {
    String alice = api.token("alice-grant", "acme");
    String bob = api.token("bob-grant", "acme");
    String group = api.createGroup(alice, "grants");
    api.addMember(alice, group, "bob-grant", bob, "EDIT");
    var promoted = api.send("PATCH", "/groups/" + group + "/members/bob-grant", alice, "{\"role\":\"ADMIN\"}", "application/json");
    assertThat(promoted.status()).as(promoted.body()).isEqualTo(200);
    await().atMost(STREAM).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
        assertThat(of("ADMIN_GRANTED", "alice-grant")).singleElement().satisfies(a -> {
          assertThat(a.path("category").asText()).isEqualTo("NONPRODUCTION_SECURITY");
          assertThat(a.path("detail").asText()).contains("member:bob-grant/role:ADMIN");
        }));
    // joining as EDIT was no grant of ADMIN
    assertThat(of("ADMIN_GRANTED", "bob-grant")).isEmpty();
  }

  @Test
  void anOpsCall_shouldRaisePrivilegedAccess_andTheAlarmReachesTheAlarmsTopic() {
    String other = api.token("op-apps", "platform", "operators");
    assertThat(api.get("/ops/apps", other).status()).isEqualTo(200);
    await().atMost(STREAM).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
        assertThat(of("PRIVILEGED_ACCESS", "op-apps")).singleElement()
            .satisfies(a -> assertThat(a.path("detail").asText()).contains("GET /ops/apps")));
    String alarmId = of("PRIVILEGED_ACCESS", "op-apps").getFirst().path("alarmId").asText();
    await().atMost(STREAM).untilAsserted(() -> {
      received.addAll(sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
          .messageAttributeNames("All")).messages());
      assertThat(received).anySatisfy(m -> {
        JsonNode body = Json.instance().read(m.body(), JsonNode.class);
        assertThat(body.path("alarmId").asText()).isEqualTo(alarmId);
        assertThat(body.path("type").asText()).isEqualTo("PRIVILEGED_ACCESS");
        assertThat(body.path("actor").asText()).isEqualTo("op-apps");
        assertThat(m.messageAttributes().get("type").stringValue()).isEqualTo("PRIVILEGED_ACCESS");
        assertThat(m.messageAttributes().get("category").stringValue()).isEqualTo("NONPRODUCTION_SECURITY");
      });
    });
  }

  @Test
  void nonOperators_shouldGet403() {
    var answer = api.get("/ops/alarms?since=" + since, api.token("alice-curious", "acme", "lab-admins"));
    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.problemCode()).isEqualTo("FORBIDDEN");
  }

  @Test
  void aBadSince_shouldBe400_andNoSinceReadsFromTheStartOfYesterday() {
    assertThat(api.get("/ops/alarms?since=yesterday", operator).problemCode()).isEqualTo("VALIDATION");
    assertThat(api.get("/ops/alarms?since=2020-01-01T00:00:00Z", operator).status()).isEqualTo(400);
    // each operator's read raises a PRIVILEGED_ACCESS alarm a moment later: one of them is listed
    await().atMost(STREAM).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      var recent = api.get("/ops/alarms", operator);
      assertThat(recent.status()).isEqualTo(200);
      assertThat(recent.json().path("items")).isNotEmpty();
    });
  }
}
