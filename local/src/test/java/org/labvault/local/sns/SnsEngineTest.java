package org.labvault.local.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.labvault.local.engine.SqsEngine;
import org.labvault.shared.json.Json;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.SnsException;
import software.amazon.awssdk.services.sns.model.TooManyEntriesInBatchRequestException;
import software.amazon.awssdk.services.sns.model.BatchEntryIdsNotDistinctException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** The SNS engine driven through the SDK's SnsClient, delivering into ElasticMQ read with SqsClient. */
class SnsEngineTest {

  private static final String REGION = "us-east-1";
  private static final String ACCOUNT = "000000000000";
  private static final AwsBasicCredentials CREDENTIALS = AwsBasicCredentials.create("LVLOCALTEST", "secret-of-the-test");

  private static SqsEngine sqsEngine;
  private static SqsClient sqs;
  private static SnsEngine snsEngine;
  private static SnsClient sns;

  @BeforeAll
  static void start() throws Exception {
    sqsEngine = SqsEngine.start(null, 0, REGION, ACCOUNT);
    sqs = SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.of(REGION))
        .credentialsProvider(StaticCredentialsProvider.create(CREDENTIALS)).endpointOverride(sqsEngine.endpoint()).build();
    snsEngine = SnsEngine.start(null, 0, CREDENTIALS.accessKeyId(), CREDENTIALS.secretAccessKey(), REGION, ACCOUNT, sqs);
    sns = snsClient(CREDENTIALS, snsEngine.endpoint());
  }

  private static SnsClient snsClient(AwsBasicCredentials credentials, URI endpoint) {
    return SnsClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.of(REGION))
        .credentialsProvider(StaticCredentialsProvider.create(credentials)).endpointOverride(endpoint)
        .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD)).build();
  }

  @AfterAll
  static void stop() {
    sns.close();
    snsEngine.close();
    sqs.close();
    sqsEngine.close();
  }

  private static String queue(String name) {
    return sqs.createQueue(r -> r.queueName(name)).queueUrl();
  }

  private static String arnOf(String queueUrl) {
    return sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNamesWithStrings("QueueArn"))
        .attributesAsStrings().get("QueueArn");
  }

  private static List<Message> drain(String queueUrl, int expected) {
    List<Message> all = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < deadline) {
      List<Message> got = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(all.size() >= expected ? 0 : 1)
          .messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
      all.addAll(got);
      got.forEach(m -> sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle())));
      if (got.isEmpty() && all.size() >= expected) {
        break;
      }
    }
    return all;
  }

  private static MessageAttributeValue string(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
  }

  @Test
  void publish_shouldDeliverEachQueueExactlyTheMessagesItsFilterPolicyLetsThrough() {
    // given: a raw subscription for app "eln" and an enveloped one for app "lims"
    String topicArn = sns.createTopic(r -> r.name("asset-events").attributes(Map.of("DisplayName", "Assets"))).topicArn();
    assertThat(sns.createTopic(r -> r.name("asset-events")).topicArn()).as("idempotent by name").isEqualTo(topicArn);
    assertThat(topicArn).isEqualTo("arn:aws:sns:us-east-1:000000000000:asset-events");
    String eln = queue("eln-notices");
    String lims = queue("lims-notices");
    String elnSubscription = sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(arnOf(eln))
        .attributes(Map.of("FilterPolicy", "{\"appId\":[\"eln\"]}", "RawMessageDelivery", "true"))
        .returnSubscriptionArn(true)).subscriptionArn();
    sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(arnOf(lims))
        .attributes(Map.of("FilterPolicy", "{\"appId\":[\"lims\"], \"priority\":[{\"numeric\":[\">=\", 5]}]}")));

    // when
    sns.publish(r -> r.topicArn(topicArn).message("{\"linkId\":\"l1\"}").subject("deleted")
        .messageAttributes(Map.of("appId", string("eln"))));
    sns.publish(r -> r.topicArn(topicArn).message("for lims").messageAttributes(Map.of("appId", string("lims"),
        "priority", MessageAttributeValue.builder().dataType("Number").stringValue("7").build())));
    sns.publish(r -> r.topicArn(topicArn).message("lims, low priority").messageAttributes(Map.of("appId", string("lims"),
        "priority", MessageAttributeValue.builder().dataType("Number").stringValue("1").build())));
    sns.publish(r -> r.topicArn(topicArn).message("for nobody").messageAttributes(Map.of("appId", string("other"))));
    var batch = sns.publishBatch(r -> r.topicArn(topicArn).publishBatchRequestEntries(
        PublishBatchRequestEntry.builder().id("a").message("batch eln").messageAttributes(Map.of("appId", string("eln"))).build(),
        PublishBatchRequestEntry.builder().id("b").message("").build()));

    // then: raw delivery keeps body and attributes
    List<Message> elnMessages = drain(eln, 2);
    assertThat(elnMessages).extracting(Message::body).containsExactlyInAnyOrder("{\"linkId\":\"l1\"}", "batch eln");
    assertThat(elnMessages).allSatisfy(m -> assertThat(m.messageAttributes().get("appId").stringValue()).isEqualTo("eln"));
    assertThat(batch.successful()).extracting(s -> s.id()).containsExactly("a");
    assertThat(batch.failed()).singleElement().satisfies(f -> {
      assertThat(f.id()).isEqualTo("b");
      assertThat(f.code()).isEqualTo("InvalidParameter");
      assertThat(f.senderFault()).isTrue();
    });

    // and the enveloped queue gets the SNS notification document
    List<Message> limsMessages = drain(lims, 1);
    assertThat(limsMessages).hasSize(1);
    JsonNode envelope = Json.instance().mapper().valueToTree(Json.instance().read(limsMessages.get(0).body(), Map.class));
    assertThat(envelope.path("Type").asText()).isEqualTo("Notification");
    assertThat(envelope.path("TopicArn").asText()).isEqualTo(topicArn);
    assertThat(envelope.path("Message").asText()).isEqualTo("for lims");
    assertThat(envelope.path("MessageAttributes").path("priority").path("Type").asText()).isEqualTo("Number");
    assertThat(envelope.path("MessageAttributes").path("priority").path("Value").asText()).isEqualTo("7");
    assertThat(limsMessages.get(0).messageAttributes()).isEmpty();

    // when eln unsubscribes, it gets nothing more
    sns.unsubscribe(r -> r.subscriptionArn(elnSubscription));
    sns.publish(r -> r.topicArn(topicArn).message("after").messageAttributes(Map.of("appId", string("eln"))));
    assertThat(drain(eln, 0)).isEmpty();
    assertThat(sns.listSubscriptionsByTopic(r -> r.topicArn(topicArn)).subscriptions()).hasSize(1);
  }

  @Test
  void subscriptionAttributes_shouldBeReadAndChangedAndCheckedLikeSns() {
    String topicArn = sns.createTopic(r -> r.name("attributes-topic")).topicArn();
    String q = queue("attributes-queue");
    String subscription = sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(arnOf(q))
        .returnSubscriptionArn(true)).subscriptionArn();

    sns.setSubscriptionAttributes(r -> r.subscriptionArn(subscription).attributeName("FilterPolicy")
        .attributeValue("{\"kind\":[{\"prefix\":\"asset\"}]}"));
    sns.setSubscriptionAttributes(r -> r.subscriptionArn(subscription).attributeName("RawMessageDelivery").attributeValue("true"));
    Map<String, String> attributes = sns.getSubscriptionAttributes(r -> r.subscriptionArn(subscription)).attributes();
    assertThat(attributes).containsEntry("FilterPolicy", "{\"kind\":[{\"prefix\":\"asset\"}]}")
        .containsEntry("FilterPolicyScope", "MessageAttributes").containsEntry("RawMessageDelivery", "true")
        .containsEntry("TopicArn", topicArn).containsEntry("Protocol", "sqs");
    assertThat(sns.getTopicAttributes(r -> r.topicArn(topicArn)).attributes()).containsEntry("TopicArn", topicArn)
        .containsEntry("SubscriptionsConfirmed", "1");
    assertThat(sns.listTopics().topics()).extracting(t -> t.topicArn()).contains(topicArn);

    assertThatThrownBy(() -> sns.setSubscriptionAttributes(r -> r.subscriptionArn(subscription)
        .attributeName("FilterPolicy").attributeValue("{\"kind\":[]}")))
        .isInstanceOf(InvalidParameterException.class).hasMessageContaining("FilterPolicy");
    assertThatThrownBy(() -> sns.subscribe(r -> r.topicArn(topicArn).protocol("https").endpoint("https://example.com")))
        .isInstanceOf(InvalidParameterException.class).hasMessageContaining("https");
    assertThatThrownBy(() -> sns.getTopicAttributes(r -> r.topicArn(topicArn + "-missing")))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> sns.publish(r -> r.topicArn(topicArn).message("m")
        .messageAttributes(Map.of("n", MessageAttributeValue.builder().dataType("Number").stringValue("x").build()))))
        .isInstanceOf(SnsException.class).hasMessageContaining("number");
  }

  @Test
  void publishBatch_shouldRefuseTooManyEntriesAndRepeatedIds() {
    String topicArn = sns.createTopic(r -> r.name("batch-topic")).topicArn();
    List<PublishBatchRequestEntry> eleven = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      eleven.add(PublishBatchRequestEntry.builder().id("e" + i).message("m").build());
    }
    assertThatThrownBy(() -> sns.publishBatch(r -> r.topicArn(topicArn).publishBatchRequestEntries(eleven)))
        .isInstanceOf(TooManyEntriesInBatchRequestException.class);
    assertThatThrownBy(() -> sns.publishBatch(r -> r.topicArn(topicArn).publishBatchRequestEntries(
        PublishBatchRequestEntry.builder().id("same").message("1").build(),
        PublishBatchRequestEntry.builder().id("same").message("2").build())))
        .isInstanceOf(BatchEntryIdsNotDistinctException.class);
  }

  @Test
  void failPublishes_shouldAnswerInternalErrorUntilSwitchedOff() {
    String topicArn = sns.createTopic(r -> r.name("outage-topic")).topicArn();
    snsEngine.failPublishes(true);
    try {
      assertThatThrownBy(() -> sns.publish(r -> r.topicArn(topicArn).message("m")))
          .isInstanceOfSatisfying(SnsException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(500);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalError");
          });
    } finally {
      snsEngine.failPublishes(false);
    }
    assertThat(sns.publish(r -> r.topicArn(topicArn).message("m")).messageId()).isNotBlank();
  }

  @Test
  void requests_shouldBeRefusedWithoutTheStackCredentials() {
    try (SnsClient stranger = snsClient(AwsBasicCredentials.create("LVLOCALTEST", "wrong-secret"), snsEngine.endpoint())) {
      assertThatThrownBy(stranger::listTopics).isInstanceOfSatisfying(SnsException.class,
          e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch"));
    }
  }

  @Test
  void publish_shouldRetryADeliveryUntilTheQueueCanTakeIt() {
    // given a subscription of a queue that does not exist yet
    String topicArn = sns.createTopic(r -> r.name("retry-topic")).topicArn();
    sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint("arn:aws:sqs:us-east-1:000000000000:late-queue")
        .attributes(Map.of("RawMessageDelivery", "true")));

    // when a message is published, then the queue is created
    sns.publish(r -> r.topicArn(topicArn).message("waited for the queue"));
    String late = queue("late-queue");

    // then the retried delivery arrives
    assertThat(drain(late, 1)).extracting(Message::body).containsExactly("waited for the queue");
  }

  @Test
  void publish_shouldDropARawDeliverySqsRefusesForGood() {
    String topicArn = sns.createTopic(r -> r.name("eleven-attributes")).topicArn();
    String q = queue("eleven-attributes-queue");
    sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(arnOf(q)).attributes(Map.of("RawMessageDelivery", "true")));
    Map<String, MessageAttributeValue> eleven = new java.util.LinkedHashMap<>();
    for (int i = 0; i < 11; i++) {
      eleven.put("a" + i, string("v"));
    }

    sns.publish(r -> r.topicArn(topicArn).message("too many attributes for SQS").messageAttributes(eleven));
    sns.publish(r -> r.topicArn(topicArn).message("fine"));

    assertThat(drain(q, 1)).extracting(Message::body).containsExactly("fine");
  }
}
