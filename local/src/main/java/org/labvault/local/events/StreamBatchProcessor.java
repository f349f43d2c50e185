package org.labvault.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.labvault.local.lambda.FunctionError;
import org.labvault.local.template.EventSource;
import org.labvault.shared.json.Json;

/**
 * What Lambda does with one batch of a stream shard: invoke the function synchronously; on an
 * error retry with backoff, halving the failing batch when {@code BisectBatchOnFunctionError} is
 * on (halving does not count as a retry), resuming from the lowest failed record a
 * {@code ReportBatchItemFailures} response names; when retries run out (or records grow older than
 * {@code MaximumRecordAgeInSeconds}), send the batch's failure record to the on-failure destination
 * and move past it. Progress is checkpointed record by record, so nothing is skipped unreported.
 */
final class StreamBatchProcessor {

  /** One stream record: its sequence number, arrival, and the record Lambda puts in the event. */
  record BatchRecord(String sequenceNumber, Instant approximateArrival, Map<String, Object> event) {}

  /** The function, invoked synchronously. */
  @FunctionalInterface
  interface Invocation {
    byte[] invoke(byte[] event, String requestId) throws FunctionError;
  }

  /** Keeps how far the shard is processed: every record up to {@code sequenceNumber} is done. */
  @FunctionalInterface
  interface Checkpoint {
    void processedThrough(String sequenceNumber);
  }

  /** DynamoDB Streams keeps records 24 hours. */
  static final int STREAM_RETENTION_SECONDS = 24 * 60 * 60;
  static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
  static final Duration LONGEST_BACKOFF = Duration.ofSeconds(2);

  private final EventSource.StreamMapping mapping;
  private final String functionArn;
  private final Invocation function;
  private final Destinations destinations;
  private final Clock clock;
  private final Duration firstBackoff;
  private final Duration longestBackoff;

  StreamBatchProcessor(EventSource.StreamMapping mapping, String functionArn, Invocation function,
      Destinations destinations, Clock clock, Duration firstBackoff, Duration longestBackoff) {
    this.mapping = mapping;
    this.functionArn = functionArn;
    this.function = function;
    this.destinations = destinations;
    this.clock = clock;
    this.firstBackoff = firstBackoff;
    this.longestBackoff = longestBackoff;
  }

  /**
   * Processes {@code batch} to its end: every record is either handled by the function or part of
   * a failure record sent on. Returns early only when interrupted (the stack stops), without
   * checkpointing the records under way.
   */
  void process(List<BatchRecord> batch, String shardId, String streamArn, Checkpoint checkpoint)
      throws InterruptedException {
    Deque<List<BatchRecord>> work = new ArrayDeque<>();
    work.push(batch);
    int invocations = 0;
    Duration backoff = firstBackoff;
    while (!work.isEmpty()) {
      List<BatchRecord> part = work.pop();
      if (tooOld(part)) {
        failed(part, shardId, streamArn, "RecordAgeExceeded", invocations);
        checkpoint.processedThrough(part.getLast().sequenceNumber());
        invocations = 0;
        continue;
      }
      invocations++;
      int firstFailed = invoke(part);
      if (Thread.interrupted()) {
        throw new InterruptedException("stopping");
      }
      if (firstFailed < 0) {
        checkpoint.processedThrough(part.getLast().sequenceNumber());
        invocations = 0;
        backoff = firstBackoff;
        continue;
      }
      if (firstFailed > 0) {
        checkpoint.processedThrough(part.get(firstFailed - 1).sequenceNumber());
        part = part.subList(firstFailed, part.size());
      }
      if (mapping.bisectBatchOnFunctionError() && part.size() > 1) {
        work.push(part.subList(part.size() / 2, part.size()));
        work.push(part.subList(0, part.size() / 2));
        invocations = 0; // halving is not a retry: each half starts afresh
        continue;
      }
      if (mapping.maximumRetryAttempts() >= 0 && invocations > mapping.maximumRetryAttempts()) {
        failed(part, shardId, streamArn, "RetryAttemptsExhausted", invocations);
        checkpoint.processedThrough(part.getLast().sequenceNumber());
        invocations = 0;
        backoff = firstBackoff;
        continue;
      }
      work.push(part);
      Thread.sleep(backoff);
      backoff = backoff.multipliedBy(2).compareTo(longestBackoff) > 0 ? longestBackoff : backoff.multipliedBy(2);
    }
  }

  /** Older than MaximumRecordAgeInSeconds, or (-1) than the stream keeps records: Lambda gives up on it. */
  private boolean tooOld(List<BatchRecord> part) {
    int maximumAge = mapping.maximumRecordAgeSeconds() >= 0 ? mapping.maximumRecordAgeSeconds() : STREAM_RETENTION_SECONDS;
    Instant oldest = part.getFirst().approximateArrival();
    return oldest != null && oldest.plusSeconds(maximumAge).isBefore(clock.instant());
  }

  /**
   * Invokes the function with {@code part}.
   *
   * @return -1 when every record succeeded, else the index of the first record to retry from
   */
  private int invoke(List<BatchRecord> part) {
    byte[] event = Json.instance().write(Map.of("Records", part.stream().map(BatchRecord::event).toList()))
        .getBytes(StandardCharsets.UTF_8);
    byte[] response;
    try {
      response = function.invoke(event, UUID.randomUUID().toString());
    } catch (FunctionError e) {
      return 0;
    }
    return mapping.functionResponseTypes().contains("ReportBatchItemFailures") ? firstFailed(part, response) : -1;
  }

  /**
   * Reads a partial batch response as Lambda does: no failures (null, no list, an empty list) is
   * success; an unreadable response or an identifier that is empty or names no record of the
   * batch fails the whole batch; else the lowest failed sequence number is where to resume.
   */
  static int firstFailed(List<BatchRecord> part, byte[] response) {
    JsonNode root;
    try {
      root = Json.instance().mapper().readTree(response);
    } catch (IOException e) {
      return 0;
    }
    if (root == null || root.isNull() || root.isMissingNode()) {
      return -1;
    }
    if (!root.isObject()) {
      return 0;
    }
    JsonNode failures = root.path("batchItemFailures");
    if (failures.isMissingNode() || failures.isNull() || (failures.isArray() && failures.isEmpty())) {
      return -1;
    }
    if (!failures.isArray()) {
      return 0;
    }
    BigDecimal lowest = null;
    for (JsonNode failure : failures) {
      JsonNode id = failure.path("itemIdentifier");
      if (!id.isTextual() || id.asText().isBlank()) {
        return 0;
      }
      BigDecimal sequence;
      try {
        sequence = DynamoDbStreamEvents.order(id.asText());
      } catch (NumberFormatException e) {
        return 0;
      }
      lowest = lowest == null || sequence.compareTo(lowest) < 0 ? sequence : lowest;
    }
    for (int i = 0; i < part.size(); i++) {
      if (DynamoDbStreamEvents.order(part.get(i).sequenceNumber()).compareTo(lowest) == 0) {
        return i;
      }
    }
    return 0; // a sequence number that is not in the batch
  }

  private void failed(List<BatchRecord> part, String shardId, String streamArn, String condition, int invocations) {
    String destination = mapping.onFailureDestination();
    String range = part.getFirst().sequenceNumber() + ".." + part.getLast().sequenceNumber();
    if (destination == null) {
      System.err.println("LabVault local stack: " + mapping.functionLogicalId() + "." + mapping.name() + " skips records "
          + range + " of shard " + shardId + " (" + condition + "; no on-failure destination)");
      return;
    }
    try {
      destinations.send(destination, Json.instance().write(failureRecord(part, shardId, streamArn, condition, invocations)));
    } catch (RuntimeException e) {
      System.err.println("LabVault local stack: " + mapping.functionLogicalId() + "." + mapping.name() + " skips records "
          + range + " of shard " + shardId + " (" + condition + "); its on-failure destination " + destination
          + " could not take the record: " + e.getMessage());
    }
  }

  /** The record Lambda sends to a stream mapping's on-failure destination. */
  Map<String, Object> failureRecord(List<BatchRecord> part, String shardId, String streamArn, String condition,
      int invocations) {
    Map<String, Object> requestContext = new LinkedHashMap<>();
    requestContext.put("requestId", UUID.randomUUID().toString());
    requestContext.put("functionArn", functionArn);
    requestContext.put("condition", condition);
    requestContext.put("approximateInvokeCount", invocations);
    Map<String, Object> responseContext = new LinkedHashMap<>();
    responseContext.put("statusCode", 200);
    responseContext.put("executedVersion", "$LATEST");
    responseContext.put("functionError", "Unhandled");
    Map<String, Object> batchInfo = new LinkedHashMap<>();
    batchInfo.put("shardId", shardId);
    batchInfo.put("startSequenceNumber", part.getFirst().sequenceNumber());
    batchInfo.put("endSequenceNumber", part.getLast().sequenceNumber());
    batchInfo.put("approximateArrivalOfFirstRecord", instant(part.getFirst().approximateArrival()));
    batchInfo.put("approximateArrivalOfLastRecord", instant(part.getLast().approximateArrival()));
    batchInfo.put("batchSize", part.size());
    batchInfo.put("streamArn", streamArn);
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("requestContext", requestContext);
    record.put("responseContext", responseContext);
    record.put("version", "1.0");
    record.put("timestamp", instant(clock.instant()));
    record.put("DDBStreamBatchInfo", batchInfo);
    return record;
  }

  private static String instant(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS).toString();
  }
}
