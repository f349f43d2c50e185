package org.labvault.local.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.labvault.local.lambda.FunctionError;
import org.labvault.local.template.EventSource;
import org.labvault.shared.json.Json;

class StreamBatchProcessorTest {

  private static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:fanout-failures";
  private static final String STREAM = "arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/2026-01-01T00:00:00.000";
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  private final AsyncInvokerTest.CapturingDestinations destinations = new AsyncInvokerTest.CapturingDestinations();
  /** The sequence numbers of each invocation, in order. */
  private final List<List<String>> invocations = new ArrayList<>();
  private final List<String> checkpoints = new ArrayList<>();

  private static EventSource.StreamMapping mapping(int retries, boolean bisect, boolean reportFailures, int maxAge) {
    return new EventSource.StreamMapping("Fanout", "Changes", STREAM, "TRIM_HORIZON", 100, 0, bisect, retries, maxAge, 1,
        reportFailures ? List.of("ReportBatchItemFailures") : List.of(), List.of(), QUEUE);
  }

  private static List<StreamBatchProcessor.BatchRecord> records(int count) {
    return IntStream.rangeClosed(1, count).mapToObj(i -> new StreamBatchProcessor.BatchRecord(
        String.valueOf(100 * i), NOW.minusSeconds(10), Map.of("dynamodb", Map.of("SequenceNumber", String.valueOf(100 * i)))))
        .toList();
  }

  /** A function that answers each batch (its sequence numbers) with {@code answer}: null throws. */
  private StreamBatchProcessor.Invocation function(Function<List<String>, String> answer) {
    return (event, requestId) -> {
      JsonNode records = readTree(event).path("Records");
      List<String> sequences = new ArrayList<>();
      records.forEach(r -> sequences.add(r.at("/dynamodb/SequenceNumber").asText()));
      invocations.add(sequences);
      String response = answer.apply(sequences);
      if (response == null) {
        throw new FunctionError("java.lang.IllegalStateException", "poison", null);
      }
      return response.getBytes(StandardCharsets.UTF_8);
    };
  }

  private static JsonNode readTree(byte[] json) {
    try {
      return Json.instance().mapper().readTree(json);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private void process(EventSource.StreamMapping mapping, StreamBatchProcessor.Invocation function,
      List<StreamBatchProcessor.BatchRecord> batch) throws InterruptedException {
    new StreamBatchProcessor(mapping, "arn:aws:lambda:us-east-1:000000000000:function:f", function, destinations,
        Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMillis(1), Duration.ofMillis(4))
        .process(batch, "shardId-1", STREAM, checkpoints::add);
  }

  @Test
  void process_shouldCheckpointTheLastRecord_whenTheBatchSucceeds() throws Exception {
    process(mapping(2, false, false, -1), function(s -> "null"), records(3));
    assertThat(invocations).containsExactly(List.of("100", "200", "300"));
    assertThat(checkpoints).containsExactly("300");
    assertThat(destinations.sent).isEmpty();
  }

  @Test
  void process_shouldRetryTheWholeBatch_thenSendItsFailureRecordAndMoveOn() throws Exception {
    // when: every call fails, two retries allowed
    process(mapping(2, false, false, -1), function(s -> null), records(2));

    // then
    assertThat(invocations).hasSize(3).allMatch(b -> b.equals(List.of("100", "200")));
    assertThat(checkpoints).containsExactly("200");
    assertThat(destinations.sent).singleElement().satisfies(sent -> {
      assertThat(sent.getKey()).isEqualTo(QUEUE);
      JsonNode record = readTree(sent.getValue().getBytes(StandardCharsets.UTF_8));
      assertThat(record.at("/requestContext/condition").asText()).isEqualTo("RetryAttemptsExhausted");
      assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(3);
      assertThat(record.at("/requestContext/functionArn").asText()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:f");
      assertThat(record.at("/requestContext/requestId").asText()).isNotBlank();
      assertThat(record.at("/responseContext/statusCode").asInt()).isEqualTo(200);
      assertThat(record.at("/responseContext/executedVersion").asText()).isEqualTo("$LATEST");
      assertThat(record.at("/responseContext/functionError").asText()).isEqualTo("Unhandled");
      assertThat(record.path("version").asText()).isEqualTo("1.0");
      assertThat(record.path("timestamp").asText()).isEqualTo("2026-03-01T12:00:00Z");
      JsonNode info = record.path("DDBStreamBatchInfo");
      assertThat(info.path("shardId").asText()).isEqualTo("shardId-1");
      assertThat(info.path("startSequenceNumber").asText()).isEqualTo("100");
      assertThat(info.path("endSequenceNumber").asText()).isEqualTo("200");
      assertThat(info.path("approximateArrivalOfFirstRecord").asText()).isEqualTo("2026-03-01T11:59:50Z");
      assertThat(info.path("approximateArrivalOfLastRecord").asText()).isEqualTo("2026-03-01T11:59:50Z");
      assertThat(info.path("batchSize").asInt()).isEqualTo(2);
      assertThat(info.path("streamArn").asText()).isEqualTo(STREAM);
    });
  }

  @Test
  void process_shouldBisectUntilThePoisonRecordIsAlone_withoutCountingHalvesAsRetries() throws Exception {
    // given: 300 fails every time; one retry allowed
    StreamBatchProcessor.Invocation poisoned = function(s -> s.contains("300") ? null : "null");

    // when
    process(mapping(1, true, false, -1), poisoned, records(4));

    // then: [1..4] fails, [1,2] ok, [3,4] fails, [3] fails twice (one retry), [4] ok
    assertThat(invocations).containsExactly(
        List.of("100", "200", "300", "400"), List.of("100", "200"), List.of("300", "400"), List.of("300"), List.of("300"),
        List.of("400"));
    assertThat(checkpoints).containsExactly("200", "300", "400");
    assertThat(destinations.sent).singleElement().satisfies(sent -> {
      JsonNode info = readTree(sent.getValue().getBytes(StandardCharsets.UTF_8)).path("DDBStreamBatchInfo");
      assertThat(info.path("startSequenceNumber").asText()).isEqualTo("300");
      assertThat(info.path("endSequenceNumber").asText()).isEqualTo("300");
      assertThat(info.path("batchSize").asInt()).isEqualTo(1);
    });
  }

  @Test
  void process_shouldCheckpointBeforeTheLowestReportedFailure_andRetryFromIt() throws Exception {
    // given: 300 and 400 are reported as failed once, then they pass
    Set<String> failedOnce = new java.util.HashSet<>();
    StreamBatchProcessor.Invocation partial = function(s -> {
      if (s.contains("300") && failedOnce.add("300")) {
        return "{\"batchItemFailures\":[{\"itemIdentifier\":\"400\"},{\"itemIdentifier\":\"300\"}]}";
      }
      return "{\"batchItemFailures\":[]}";
    });

    // when
    process(mapping(2, false, true, -1), partial, records(4));

    // then
    assertThat(invocations).containsExactly(List.of("100", "200", "300", "400"), List.of("300", "400"));
    assertThat(checkpoints).containsExactly("200", "400");
    assertThat(destinations.sent).isEmpty();
  }

  @Test
  void process_shouldTreatAnInvalidItemIdentifierAsAFailureOfTheWholeBatch() throws Exception {
    StreamBatchProcessor.Invocation invalid = function(s -> "{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}");
    process(mapping(1, false, true, -1), invalid, records(2));
    assertThat(invocations).containsExactly(List.of("100", "200"), List.of("100", "200"));
    assertThat(checkpoints).containsExactly("200");
    assertThat(destinations.sent).hasSize(1);
  }

  @Test
  void process_shouldIgnoreBatchItemFailures_whenTheMappingDoesNotAskForThem() throws Exception {
    process(mapping(1, false, false, -1), function(s -> "{\"batchItemFailures\":[{\"itemIdentifier\":\"100\"}]}"), records(2));
    assertThat(invocations).hasSize(1);
    assertThat(checkpoints).containsExactly("200");
  }

  @Test
  void process_shouldSendRecordsOlderThanTheMaximumAgeOnWithoutInvoking() throws Exception {
    process(mapping(-1, false, false, 5), function(s -> "null"), records(2));
    assertThat(invocations).isEmpty();
    assertThat(checkpoints).containsExactly("200");
    assertThat(destinations.sent).singleElement()
        .satisfies(sent -> assertThat(sent.getValue()).contains("\"condition\":\"RecordAgeExceeded\""));
  }

  @Test
  void process_withoutLimits_shouldGiveUpOnRecordsTheStreamNoLongerKeeps() throws Exception {
    // given: MaximumRetryAttempts and MaximumRecordAgeInSeconds both -1, a record from 25 hours ago
    var expired = List.of(new StreamBatchProcessor.BatchRecord("100", NOW.minus(Duration.ofHours(25)), Map.of()));

    // when
    process(mapping(-1, false, false, -1), function(s -> null), expired);

    // then
    assertThat(invocations).isEmpty();
    assertThat(checkpoints).containsExactly("100");
    assertThat(destinations.sent).singleElement()
        .satisfies(sent -> assertThat(sent.getValue()).contains("\"condition\":\"RecordAgeExceeded\""));
  }

  @Test
  void firstFailed_shouldReadResponsesAsLambdaDoes() {
    var batch = records(3);
    assertThat(StreamBatchProcessor.firstFailed(batch, "null".getBytes())).isEqualTo(-1);
    assertThat(StreamBatchProcessor.firstFailed(batch, "{}".getBytes())).isEqualTo(-1);
    assertThat(StreamBatchProcessor.firstFailed(batch, "{\"batchItemFailures\":[]}".getBytes())).isEqualTo(-1);
    assertThat(StreamBatchProcessor.firstFailed(batch, "{\"batchItemFailures\":[{\"itemIdentifier\":\"200\"}]}".getBytes()))
        .isEqualTo(1);
    assertThat(StreamBatchProcessor.firstFailed(batch, "not json".getBytes())).isZero();
    assertThat(StreamBatchProcessor.firstFailed(batch, "{\"batchItemFailures\":[{\"itemIdentifier\":null}]}".getBytes())).isZero();
    assertThat(StreamBatchProcessor.firstFailed(batch, "{\"batchItemFailures\":[{\"itemIdentifier\":\"999\"}]}".getBytes())).isZero();
    assertThat(StreamBatchProcessor.firstFailed(batch, "{\"batchItemFailures\":[{\"id\":\"200\"}]}".getBytes())).isZero();
  }
}
