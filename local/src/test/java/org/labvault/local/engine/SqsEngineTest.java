package org.labvault.local.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labvault.local.template.Messaging;
import org.labvault.local.template.TemplateException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class SqsEngineTest {

  private static final String REGION = "us-east-1";
  private static final String ACCOUNT = "000000000000";

  @TempDir Path dir;

  private static SqsClient client(SqsEngine engine) {
    return SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.of(REGION))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))
        .endpointOverride(engine.endpoint()).build();
  }

  private static Messaging.Queue queue(String name, String deadLetterName, Map<String, String> attributes) {
    String dlqArn = deadLetterName == null ? null : "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":" + deadLetterName;
    Map<String, String> all = new java.util.LinkedHashMap<>(attributes);
    if (dlqArn != null) {
      all.put("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"2\"}");
    }
    return new Messaging.Queue(name, name, SqsEngine.queueUrl(REGION, ACCOUNT, name),
        "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":" + name, all, dlqArn);
  }

  @Test
  void startOnFreePort_shouldTryAnotherPortAndKeepItsQueuesPersistent_whenThePickedOneWasTaken() throws Exception {
    Path data = dir.resolve("sqs");
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      // the port was free when picked; another engine bound it before ElasticMQ did
      var picks = new ArrayDeque<>(List.of(taken.getLocalPort(), FreePort.pick()));
      try (SqsEngine engine = SqsEngine.startOnFreePort(picks::removeFirst, data, REGION, ACCOUNT);
          SqsClient sqs = client(engine)) {
        assertThat(picks).as("a second port was picked").isEmpty();
        assertThat(engine.endpoint().getPort()).isNotEqualTo(taken.getLocalPort());
        engine.createQueues(List.of(queue("kept", null, Map.of())), sqs);
      }
    }
    try (SqsEngine engine = SqsEngine.start(data, 0, REGION, ACCOUNT); SqsClient sqs = client(engine)) {
      assertThat(sqs.getQueueUrl(r -> r.queueName("kept")).queueUrl()).as("the failed attempt left persistence on")
          .endsWith("/kept");
    }
  }

  @Test
  void createQueues_shouldCreateDeadLetterQueuesFirstAndAnswerAwsStyleUrlsAndArns() throws Exception {
    try (SqsEngine engine = SqsEngine.start(null, 0, REGION, ACCOUNT); SqsClient sqs = client(engine)) {
      // given the queue listed before its dead-letter queue
      engine.createQueues(List.of(queue("work", "work-dlq", Map.of("VisibilityTimeout", "7")),
          queue("work-dlq", null, Map.of())), sqs);

      String url = sqs.getQueueUrl(r -> r.queueName("work")).queueUrl();
      assertThat(url).isEqualTo("https://sqs.us-east-1.amazonaws.com/000000000000/work");
      Map<String, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL))
          .attributesAsStrings();
      assertThat(attributes).containsEntry("QueueArn", "arn:aws:sqs:us-east-1:000000000000:work")
          .containsEntry("VisibilityTimeout", "7");
      assertThat(attributes.get("RedrivePolicy")).contains("arn:aws:sqs:us-east-1:000000000000:work-dlq");
    }
  }

  @Test
  void inCreationOrder_shouldRefuseQueuesThatRedriveToEachOther() {
    assertThatThrownBy(() -> SqsEngine.inCreationOrder(List.of(queue("a", "b", Map.of()), queue("b", "a", Map.of()))))
        .isInstanceOf(TemplateException.class).hasMessageContaining("cycle");
  }

  @Test
  void start_withADataDirectory_shouldKeepQueuesAndMessagesAcrossARestart() throws Exception {
    // given a message sent before a stop
    try (SqsEngine engine = SqsEngine.start(dir, 0, REGION, ACCOUNT); SqsClient sqs = client(engine)) {
      engine.createQueues(List.of(queue("kept", null, Map.of())), sqs);
      sqs.sendMessage(r -> r.queueUrl(SqsEngine.queueUrl(REGION, ACCOUNT, "kept")).messageBody("still here"));
    }

    // when the engine starts again on the same directory (with the template's queue declared again)
    try (SqsEngine engine = SqsEngine.start(dir, 0, REGION, ACCOUNT); SqsClient sqs = client(engine)) {
      engine.createQueues(List.of(queue("kept", null, Map.of("VisibilityTimeout", "12"))), sqs);

      // then
      List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(SqsEngine.queueUrl(REGION, ACCOUNT, "kept"))
          .waitTimeSeconds(1)).messages();
      assertThat(messages).extracting(Message::body).containsExactly("still here");
      assertThat(sqs.getQueueAttributes(r -> r.queueUrl(SqsEngine.queueUrl(REGION, ACCOUNT, "kept"))
          .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT)).attributesAsStrings())
          .containsEntry("VisibilityTimeout", "12");
    }
  }
}
