package org.labvault.local.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Integrating applications, played with real SQS and SNS clients: registered by an operator, each
 * subscribes a queue of its own to the asset-events topic with the filter policy LabVault hands
 * out, reads its notices and confirms them as {@code app:<appId>}.
 */
public final class Apps {

  private final HttpApi api;
  private final SqsClient sqs;
  private final SnsClient sns;
  private final String operator;

  public Apps(HttpApi api, SqsClient sqs, SnsClient sns) {
    this.api = api;
    this.sqs = sqs;
    this.sns = sns;
    this.operator = api.token("platform-ops", "labvault", "operators");
  }

  /** A registered application with the queue it reads. */
  public record App(String appId, String token, String queueUrl) {}

  /** Registers {@code appId} (201) and answers the registration. */
  public JsonNode register(String appId) {
    var res = api.postJson("/ops/apps", operator, "{\"appId\":\"" + appId + "\",\"name\":\"App " + appId + "\"}");
    if (res.status() != 201) {
      throw new AssertionError("app not registered: " + res);
    }
    return res.json();
  }

  /** Registers {@code appId}, then subscribes a new queue of its own as the README tells integrators. */
  public App registerAndSubscribe(String appId) {
    JsonNode registration = register(appId);
    String queueUrl = sqs.createQueue(q -> q.queueName(appId + "-notices-" + UUID.randomUUID().toString().substring(0, 8)))
        .queueUrl();
    String queueArn = sqs.getQueueAttributes(a -> a.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes().get(QueueAttributeName.QUEUE_ARN);
    sns.subscribe(s -> s.topicArn(registration.path("topicArn").asText()).protocol("sqs").endpoint(queueArn)
        .attributes(Map.of(
            "FilterPolicy", registration.path("filterPolicy").toString(),
            "FilterPolicyScope", "MessageAttributes",
            "RawMessageDelivery", "true")));
    return new App(appId, api.token("app:" + appId, null), queueUrl);
  }

  /**
   * Reads the queue until {@code count} messages arrived or {@code timeout} passed, deleting what it
   * read; then waits one more second for any extra message (there must be none for an exact count).
   */
  public List<Message> receive(App app, int count, Duration timeout) {
    List<Message> got = new ArrayList<>();
    Instant deadline = Instant.now().plus(timeout);
    while (got.size() < count && Instant.now().isBefore(deadline)) {
      got.addAll(receiveOnce(app, 1));
    }
    got.addAll(receiveOnce(app, 1));
    return got;
  }

  /** One long poll of the app's queue (up to 10 messages), deleting what it read. */
  public List<Message> receiveOnce(App app, int waitSeconds) {
    List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(app.queueUrl()).maxNumberOfMessages(10)
        .waitTimeSeconds(waitSeconds).messageAttributeNames("All")
        .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
    if (!messages.isEmpty()) {
      List<DeleteMessageBatchRequestEntry> read = new ArrayList<>();
      for (int i = 0; i < messages.size(); i++) {
        read.add(DeleteMessageBatchRequestEntry.builder().id(String.valueOf(i)).receiptHandle(messages.get(i).receiptHandle()).build());
      }
      sqs.deleteMessageBatch(d -> d.queueUrl(app.queueUrl()).entries(read));
    }
    return messages;
  }

  /** {@code POST /app-links/{linkId}/confirm-deletion} as {@code token}. */
  public HttpApi.Answer confirm(String token, String linkId) {
    return api.post("/app-links/" + linkId + "/confirm-deletion", token);
  }

  public String operatorToken() {
    return operator;
  }
}
