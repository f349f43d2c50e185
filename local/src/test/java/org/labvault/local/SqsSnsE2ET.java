package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labvault.local.testing.PoisonAwareConsumer;
import org.labvault.local.testing.SnsRecorder;
import org.labvault.local.testing.Stacks;
import org.labvault.local.template.Messaging;
import org.labvault.shared.json.Json;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A stack from a small template: a topic feeding (raw, filtered) a queue with a dead-letter queue
 * after two receives, consumed by a function that reports poison messages as batch item failures;
 * and a function subscribed to the topic itself, with a filter policy and an on-failure queue.
 */
class SqsSnsE2ET {

  @TempDir static Path state;
  private static LocalStack stack;
  private static SqsClient sqs;
  private static SnsClient sns;
  private static Messaging.Queue queue;
  private static Messaging.Queue dlq;
  private static String topicArn;

  @BeforeAll
  static void start() throws Exception {
    Path template = Stacks.root().resolve("local/src/test/resources/sqs/template.yaml");
    stack = LocalStack.start(StackOptions.defaults().withPort(0).withStateDir(state).withTemplate(template));
    sqs = stack.sqsClient();
    sns = stack.snsClient();
    queue = stack.model().queues().get("NoticesQueue");
    dlq = stack.model().queues().get("NoticesDlq");
    topicArn = stack.model().topics().get("EventsTopic").arn();
  }

  @AfterAll
  static void stop() {
    sqs.close();
    sns.close();
    stack.close();
  }

  @BeforeEach
  void forget() {
    PoisonAwareConsumer.SEEN.clear();
  }

  private static List<PoisonAwareConsumer.Seen> seen(String body) {
    return PoisonAwareConsumer.SEEN.stream().filter(s -> s.body().equals(body)).toList();
  }

  private static List<Message> dlqMessages() {
    return sqs.receiveMessage(r -> r.queueUrl(dlq.url()).maxNumberOfMessages(10).waitTimeSeconds(1)
        .messageAttributeNames("All")).messages();
  }

  @Test
  void goodMessagesShouldBeProcessedOnceAndThePoisonShouldEndInTheDeadLetterQueue() {
    // when
    sqs.sendMessage(r -> r.queueUrl(queue.url()).messageBody("good-1"));
    sqs.sendMessage(r -> r.queueUrl(queue.url()).messageBody("poison-1"));
    sqs.sendMessage(r -> r.queueUrl(queue.url()).messageBody("good-2"));

    // then: the poison is retried once after the visibility timeout, then moved to the DLQ
    List<Message> dead = new ArrayList<>();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      dead.addAll(dlqMessages());
      assertThat(dead).extracting(Message::body).contains("poison-1");
    });
    assertThat(seen("poison-1")).extracting(PoisonAwareConsumer.Seen::receiveCount).containsExactly("1", "2");
    assertThat(seen("good-1")).hasSize(1);
    assertThat(seen("good-2")).hasSize(1);
    assertThat(seen("good-1").getFirst().eventSourceArn()).isEqualTo(queue.arn());
    assertThat(sqs.getQueueAttributes(r -> r.queueUrl(queue.url()).attributeNames(
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
        .attributesAsStrings()).containsEntry("ApproximateNumberOfMessages", "0")
        .containsEntry("ApproximateNumberOfMessagesNotVisible", "0");
  }

  @Test
  void aPublishedMessageShouldReachTheFunctionOnlyWhenTheFilterPolicyLetsItThrough() {
    sns.publish(r -> r.topicArn(topicArn).message("{\"type\":\"AppLinkDeleted\",\"linkId\":\"l-1\"}")
        .messageAttributes(Map.of("appId", MessageAttributeValue.builder().dataType("String").stringValue("sample-eln").build())));
    sns.publish(r -> r.topicArn(topicArn).message("{\"type\":\"AppLinkDeleted\",\"linkId\":\"l-2\"}")
        .messageAttributes(Map.of("appId", MessageAttributeValue.builder().dataType("String").stringValue("other-app").build())));

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(seen("{\"type\":\"AppLinkDeleted\",\"linkId\":\"l-1\"}")).singleElement()
            .satisfies(s -> assertThat(s.stringAttributes()).containsEntry("appId", "sample-eln")));
    // the message for the other application was filtered out before the queue
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(seen("{\"type\":\"AppLinkDeleted\",\"linkId\":\"l-2\"}")).isEmpty());
  }

  static MessageAttributeValue kind(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
  }

  @Test
  void aFunctionSubscribedToTheTopicGetsWhatItsFilterLetsThrough_andAFailureIsRetriedThenSentToItsDestination()
      throws Exception {
    sns.publish(r -> r.topicArn(topicArn).subject("Disk").message("alarm: disk full")
        .messageAttributes(Map.of("kind", kind("alarm"))));
    sns.publish(r -> r.topicArn(topicArn).message("just news").messageAttributes(Map.of("kind", kind("news"))));
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(SnsRecorder.SEEN).filteredOn(n -> n.getMessage().equals("alarm: disk full")).singleElement()
            .satisfies(n -> {
              assertThat(n.getSubject()).isEqualTo("Disk");
              assertThat(n.getTopicArn()).isEqualTo(topicArn);
              assertThat(n.getMessageAttributes().get("kind").getValue()).isEqualTo("alarm");
            }));

    sns.publish(r -> r.topicArn(topicArn).message("alarm: poison").messageAttributes(Map.of("kind", kind("alarm"))));
    String failures = stack.model().queues().get("FailedInvocations").url();
    List<Message> records = await().atMost(Duration.ofSeconds(30)).until(() ->
        sqs.receiveMessage(r -> r.queueUrl(failures).waitTimeSeconds(1)).messages(), m -> !m.isEmpty());
    JsonNode record = Json.instance().mapper().readTree(records.getFirst().body());
    assertThat(record.at("/requestContext/condition").asText()).isEqualTo("RetriesExhausted");
    assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(2);
    assertThat(record.at("/requestPayload/Records/0/Sns/Message").asText()).isEqualTo("alarm: poison");
    assertThat(SnsRecorder.SEEN).filteredOn(n -> n.getMessage().equals("alarm: poison")).hasSize(2);
    assertThat(SnsRecorder.SEEN).noneMatch(n -> n.getMessage().equals("just news"));
  }

  @Test
  void stackJsonShouldNameTheEndpointsAndTheMessagingResources() throws IOException {
    JsonNode info = Json.instance().mapper().readTree(Files.readString(state.resolve("stack.json"), StandardCharsets.UTF_8));
    assertThat(info.path("sqsEndpoint").asText()).isEqualTo(stack.sqsEndpoint().toString()).startsWith("http://127.0.0.1:");
    assertThat(info.path("snsEndpoint").asText()).isEqualTo(stack.snsEndpoint().toString()).startsWith("http://127.0.0.1:");
    assertThat(info.path("resources").path("NoticesQueue").asText()).isEqualTo(queue.url());
    assertThat(info.path("resources").path("EventsTopic").asText()).isEqualTo(topicArn);
    assertThat(stack.model().functions().get("ConsumerFunction").environment()).containsEntry("DLQ_URL", dlq.url());
  }

  @Test
  void theAwsCliShouldWorkAgainstTheEndpointsWithTheStackCredentials() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(cliAvailable(), "no aws command on this machine");
    cli("--endpoint-url", stack.sqsEndpoint().toString(), "sqs", "send-message", "--queue-url", queue.url(),
        "--message-body", "from-the-cli");
    String published = cli("--endpoint-url", stack.snsEndpoint().toString(), "sns", "publish", "--topic-arn", topicArn,
        "--message", "published-by-the-cli", "--message-attributes",
        "{\"appId\":{\"DataType\":\"String\",\"StringValue\":\"sample-eln\"}}");
    assertThat(Json.instance().mapper().readTree(published).path("MessageId").asText()).isNotBlank();

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      assertThat(seen("from-the-cli")).hasSize(1);
      assertThat(seen("published-by-the-cli")).hasSize(1);
    });
    String topics = cli("--endpoint-url", stack.snsEndpoint().toString(), "sns", "list-topics");
    assertThat(topics).contains(topicArn);
  }

  private static boolean cliAvailable() {
    try {
      Process p = new ProcessBuilder("aws", "--version").redirectErrorStream(true).start();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static String cli(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("aws", "--region", LocalStack.REGION, "--output", "json"));
    command.addAll(List.of(args));
    JsonNode info = Json.instance().mapper().readTree(Files.readString(state.resolve("stack.json"), StandardCharsets.UTF_8));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("AWS_ACCESS_KEY_ID", info.path("accessKeyId").asText());
    builder.environment().put("AWS_SECRET_ACCESS_KEY", info.path("secretAccessKey").asText());
    builder.environment().remove("AWS_PROFILE");
    builder.environment().put("AWS_CONFIG_FILE", state.resolve("no-aws-config").toString());
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", args) + " -> " + out).isZero();
    return out;
  }
}
