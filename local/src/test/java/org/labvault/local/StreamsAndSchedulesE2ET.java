package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labvault.local.testing.HttpApi;
import org.labvault.local.testing.StreamSinkHandler;
import org.labvault.local.testing.TickSinkHandler;
import org.labvault.shared.json.Json;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A table's stream drives a function as Lambda's event source mapping does (in order, partial
 * batch failures, retries, the on-failure destination, resuming after a restart), and a schedule
 * fires its function, on time and through POST /local/invoke.
 */
class StreamsAndSchedulesE2ET {

  private static final String FAILURES = "arn:aws:sqs:us-east-1:000000000000:stream-failures";
  private static final String TEMPLATE = """
      Transform: AWS::Serverless-2016-10-31
      Globals:
        Function:
          Runtime: java21
          Timeout: 30
          # as template.yaml: callers (the stream mapping here) invoke the alias
          SnapStart: {ApplyOn: PublishedVersions}
          AutoPublishAlias: live
      Resources:
        DataTable:
          Type: AWS::DynamoDB::Table
          Properties:
            KeySchema: [{AttributeName: pk, KeyType: HASH}]
            AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]
            BillingMode: PAY_PER_REQUEST
            StreamSpecification: {StreamViewType: NEW_AND_OLD_IMAGES}
        FanoutFunction:
          Type: AWS::Serverless::Function
          Properties:
            Handler: org.labvault.local.testing.StreamSinkHandler::handleRequest
            Events:
              Changes:
                Type: DynamoDB
                Properties:
                  Stream: !GetAtt DataTable.StreamArn
                  StartingPosition: TRIM_HORIZON
                  BatchSize: 10
                  MaximumRetryAttempts: 2
                  BisectBatchOnFunctionError: true
                  FunctionResponseTypes: [ReportBatchItemFailures]
                  DestinationConfig: {OnFailure: {Destination: %s}}
        RenotifyFunction:
          Type: AWS::Serverless::Function
          Properties:
            Handler: org.labvault.local.testing.TickSinkHandler::handleRequest
            Events:
              Renotify: {Type: Schedule, Properties: {Schedule: rate(1 minute)}}
      """.formatted(FAILURES);

  @TempDir Path dir;
  private final List<Map.Entry<String, String>> sent = new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeEach
  void reset() {
    StreamSinkHandler.RECEIVED.clear();
    StreamSinkHandler.POISON_ATTEMPTS.set(0);
    StreamSinkHandler.gate = null;
    TickSinkHandler.RECEIVED.clear();
  }

  private LocalStack start() throws Exception {
    Path template = dir.resolve("template.yaml");
    Files.writeString(template, TEMPLATE);
    return LocalStack.start(StackOptions.defaults().withPort(0).withStateDir(dir.resolve("state")).withTemplate(template),
        (arn, json) -> sent.add(Map.entry(arn, json)));
  }

  private static void put(DynamoDbClient dynamo, LocalStack stack, String... keys) {
    String table = stack.model().tables().get("DataTable").tableName();
    for (String key : keys) {
      dynamo.putItem(r -> r.tableName(table).item(Map.of("pk", AttributeValue.fromS(key))));
    }
  }

  @Test
  void everyPut_shouldReachTheFunctionOnceInOrder_andAPoisonRecordItsDestination_whileLaterRecordsFlow() throws Exception {
    try (LocalStack stack = start(); DynamoDbClient dynamo = stack.dynamoDbClient()) {
      // when
      put(dynamo, stack, "k1", "k2", "k3", "k4", "k5");

      // then
      await().atMost(Duration.ofSeconds(20))
          .untilAsserted(() -> assertThat(StreamSinkHandler.RECEIVED).containsExactly("k1", "k2", "k3", "k4", "k5"));

      // when: a record the function reports as failed, then two good ones
      put(dynamo, stack, "poison-1", "k6", "k7");

      // then: tried once and retried twice, its batch info sent on, and the stream moves past it
      await().atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(StreamSinkHandler.RECEIVED).containsExactly("k1", "k2", "k3", "k4", "k5", "k6", "k7"));
      // the first try and two retries; one more call when it came in a batch with k6 and k7 that was
      // halved first (halving is not a retry)
      assertThat(StreamSinkHandler.POISON_ATTEMPTS.get()).isBetween(3, 4);
      assertThat(sent).singleElement().satisfies(s -> {
        assertThat(s.getKey()).isEqualTo(FAILURES);
        JsonNode record = Json.instance().mapper().readTree(s.getValue());
        assertThat(record.at("/requestContext/condition").asText()).isEqualTo("RetryAttemptsExhausted");
        assertThat(record.at("/requestContext/functionArn").asText()).endsWith(":function:labvault-local-FanoutFunction:live");
        JsonNode info = record.path("DDBStreamBatchInfo");
        assertThat(info.path("batchSize").asInt()).isEqualTo(1);
        assertThat(info.path("startSequenceNumber").asText()).isEqualTo(info.path("endSequenceNumber").asText());
        assertThat(info.path("streamArn").asText())
            .isEqualTo(dynamo.describeTable(r -> r.tableName(stack.model().tables().get("DataTable").tableName()))
                .table().latestStreamArn());
      });
    }
  }

  @Test
  void recordsNotProcessedBeforeAStop_shouldBeDeliveredAfterTheRestart_andProcessedOnesNotAgain() throws Exception {
    // given: two records processed, then one the function is still working on, and one behind it
    StreamSinkHandler.gate = new CountDownLatch(1);
    try (LocalStack first = start(); DynamoDbClient dynamo = first.dynamoDbClient()) {
      assertThat(first.persistent()).as(String.valueOf(first.ephemeralReason())).isTrue();
      put(dynamo, first, "k1", "k2");
      await().atMost(Duration.ofSeconds(20))
          .untilAsserted(() -> assertThat(StreamSinkHandler.RECEIVED).containsExactly("k1", "k2"));
      put(dynamo, first, "held-1", "k3");
      Thread.sleep(500); // the batch with held-1 is under way when the stack stops
    }
    assertThat(StreamSinkHandler.RECEIVED).containsExactly("k1", "k2");

    // when
    StreamSinkHandler.gate = null;
    try (LocalStack second = start()) {
      // then
      await().atMost(Duration.ofSeconds(20))
          .untilAsserted(() -> assertThat(StreamSinkHandler.RECEIVED).containsExactly("k1", "k2", "held-1", "k3"));
      Thread.sleep(500); // nothing more arrives
      assertThat(StreamSinkHandler.RECEIVED).containsExactly("k1", "k2", "held-1", "k3");
    }
  }

  @Test
  void aStreamTurnedOffAndOnAgain_shouldBeReadFromTheStartOfTheNewStream_alsoAfterARestart() throws Exception {
    // given: one record processed on the first stream
    try (LocalStack first = start(); DynamoDbClient dynamo = first.dynamoDbClient()) {
      put(dynamo, first, "k1");
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(StreamSinkHandler.RECEIVED).containsExactly("k1"));

      // when: the stream is turned off and on again (a new stream, a new shard), and written to
      String table = first.model().tables().get("DataTable").tableName();
      dynamo.updateTable(r -> r.tableName(table).streamSpecification(s -> s.streamEnabled(false)));
      dynamo.updateTable(r -> r.tableName(table).streamSpecification(s -> s.streamEnabled(true)
          .streamViewType(software.amazon.awssdk.services.dynamodb.model.StreamViewType.NEW_AND_OLD_IMAGES)));
      put(dynamo, first, "k2");

      // then
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(StreamSinkHandler.RECEIVED).containsExactly("k1", "k2"));
    }

    // and a restart resumes on the new stream's shard, not from its start
    try (LocalStack second = start(); DynamoDbClient dynamo = second.dynamoDbClient()) {
      put(dynamo, second, "k3");
      await().atMost(Duration.ofSeconds(20))
          .untilAsserted(() -> assertThat(StreamSinkHandler.RECEIVED).containsExactly("k1", "k2", "k3"));
    }
  }

  @Test
  void aSchedule_shouldFireOnTime_andThroughLocalInvoke() throws Exception {
    try (LocalStack stack = start()) {
      var schedule = stack.model().schedules().getFirst();

      // when: invoked by hand with the event EventBridge sends
      Instant now = Instant.now();
      var answer = new HttpApi(stack.api()).raw("POST", "/local/invoke/RenotifyFunction", Map.of(),
          Json.instance().write(stack.scheduler().scheduledEvent(schedule, now)).getBytes());

      // then
      assertThat(answer.status()).isEqualTo(200);
      assertThat(TickSinkHandler.RECEIVED).singleElement().satisfies(e -> {
        assertThat(e.getDetailType()).isEqualTo("Scheduled Event");
        assertThat(e.getSource()).isEqualTo("aws.events");
        assertThat(e.getResources()).containsExactly("arn:aws:events:us-east-1:000000000000:rule/RenotifyFunction-Renotify");
      });

      // when: a minute passes
      assertThat(stack.scheduler().nextFire("RenotifyFunction", "Renotify")).isAfter(now.plusSeconds(50));
      stack.scheduler().advance(Duration.ofSeconds(61));

      // then
      await().atMost(Duration.ofSeconds(5)).until(() -> TickSinkHandler.RECEIVED.size() == 2);
      assertThat(TickSinkHandler.RECEIVED.get(1).getDetailType()).isEqualTo("Scheduled Event");
    }
  }
}
