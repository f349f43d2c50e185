package org.labvault.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.labvault.local.lambda.FunctionError;
import org.labvault.local.lambda.FunctionHost;
import org.labvault.local.template.EventSource;
import org.labvault.shared.json.Json;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * One SQS event source mapping, run as Lambda runs it: long-polls the queue through the SQS API,
 * gathers up to BatchSize messages (10 per receive; waiting up to MaximumBatchingWindowInSeconds
 * for more), invokes the function with the SQSEvent, and deletes what it processed. A function
 * error deletes nothing: the messages come back after the visibility timeout, and the queue's
 * redrive policy moves them to its dead-letter queue after maxReceiveCount receives. With
 * ReportBatchItemFailures only the reported messages stay; a report naming no message of the
 * batch (or with an empty id) fails the whole batch, as Lambda treats it.
 */
public final class SqsPoller implements AutoCloseable {

  /** How long one receive waits for messages; also how long a stop may take. */
  static final int WAIT_SECONDS = 1;
  private static final int MAX_PER_RECEIVE = 10;
  private static final Duration PAUSE_AFTER_ERROR = Duration.ofSeconds(1);

  private final EventSource.SqsMapping mapping;
  private final String queueUrl;
  private final FunctionHost function;
  private final SqsClient sqs;
  private final String region;
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * Starts polling.
   *
   * @param sqs the client of the local SQS; closed with the poller
   */
  public SqsPoller(EventSource.SqsMapping mapping, String queueUrl, FunctionHost function, SqsClient sqs, String region) {
    this.mapping = mapping;
    this.queueUrl = queueUrl;
    this.function = function;
    this.sqs = sqs;
    this.region = region;
    this.thread = Thread.ofVirtual().name("sqs-poller-" + mapping.functionLogicalId() + "-" + mapping.name()).start(this::run);
  }

  private void run() {
    while (running) {
      try {
        List<Message> batch = gather();
        if (!batch.isEmpty() && running) {
          process(batch);
        }
      } catch (SdkException e) {
        if (!running) {
          return;
        }
        System.err.println("LabVault local stack: " + where() + " cannot read its queue: " + e.getMessage());
        pause();
      }
    }
  }

  /** Up to BatchSize messages: receives until the batch is full, or the batching window is over. */
  private List<Message> gather() {
    List<Message> batch = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(mapping.maximumBatchingWindowSeconds()).toNanos();
    do {
      int wanted = Math.min(MAX_PER_RECEIVE, mapping.batchSize() - batch.size());
      List<Message> received = sqs.receiveMessage(r -> r.queueUrl(queueUrl)
          .maxNumberOfMessages(wanted)
          .waitTimeSeconds(WAIT_SECONDS)
          .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
          .messageAttributeNames("All")).messages();
      batch.addAll(received);
      if (received.isEmpty() && batch.isEmpty() && mapping.maximumBatchingWindowSeconds() == 0) {
        break;
      }
    } while (running && batch.size() < mapping.batchSize() && System.nanoTime() < deadline);
    return batch;
  }

  private void process(List<Message> batch) {
    byte[] event = Json.instance().write(SqsEvents.event(batch, mapping.queueArn(), region)).getBytes(StandardCharsets.UTF_8);
    List<Message> done;
    try {
      byte[] result = function.invoke(event, UUID.randomUUID().toString());
      done = toDelete(batch, result, mapping.functionResponseTypes().contains("ReportBatchItemFailures"), where());
    } catch (FunctionError e) {
      System.err.println("LabVault local stack: " + where() + " failed on a batch of " + batch.size()
          + " messages; they return after the visibility timeout: " + e.getMessage());
      return;
    }
    delete(done);
  }

  /**
   * The messages to delete after a successful invocation: all of them, or (with
   * ReportBatchItemFailures) all but the reported ones; none when the report is invalid.
   */
  static List<Message> toDelete(List<Message> batch, byte[] result, boolean reportsFailures, String where) {
    if (!reportsFailures) {
      return batch;
    }
    Set<String> failed = failedIds(result);
    if (failed == null) {
      System.err.println("LabVault local stack: " + where + " reported an invalid batch item failure;"
          + " the whole batch returns after the visibility timeout");
      return List.of();
    }
    Set<String> ids = batch.stream().map(Message::messageId).collect(Collectors.toSet());
    if (!ids.containsAll(failed)) {
      System.err.println("LabVault local stack: " + where + " reported a failure of a message not in the batch;"
          + " the whole batch returns after the visibility timeout");
      return List.of();
    }
    return batch.stream().filter(m -> !failed.contains(m.messageId())).toList();
  }

  /** The reported ids; empty for a success without report; null when the report is invalid. */
  private static Set<String> failedIds(byte[] result) {
    JsonNode response;
    try {
      response = result == null || result.length == 0 ? null : Json.instance().mapper().readTree(result);
    } catch (java.io.IOException e) {
      return Set.of(); // not a report: Lambda counts the batch as processed
    }
    if (response == null || !response.isObject() || !response.has("batchItemFailures")
        || response.get("batchItemFailures").isNull()) {
      return Set.of();
    }
    JsonNode failures = response.get("batchItemFailures");
    if (!failures.isArray()) {
      return null;
    }
    Set<String> ids = new java.util.HashSet<>();
    for (JsonNode failure : failures) {
      JsonNode id = failure.get("itemIdentifier");
      if (id == null || !id.isTextual() || id.textValue().isEmpty()) {
        return null;
      }
      ids.add(id.textValue());
    }
    return ids;
  }

  private void delete(List<Message> done) {
    for (int from = 0; from < done.size(); from += MAX_PER_RECEIVE) {
      List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
      List<Message> chunk = done.subList(from, Math.min(done.size(), from + MAX_PER_RECEIVE));
      for (int i = 0; i < chunk.size(); i++) {
        entries.add(DeleteMessageBatchRequestEntry.builder().id("m" + i).receiptHandle(chunk.get(i).receiptHandle()).build());
      }
      var response = sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
      if (response.hasFailed() && !response.failed().isEmpty()) {
        System.err.println("LabVault local stack: " + where() + " could not delete " + response.failed().size()
            + " processed messages; they will be delivered again");
      }
    }
  }

  private String where() {
    return mapping.functionLogicalId() + ".Events." + mapping.name();
  }

  private void pause() {
    try {
      Thread.sleep(PAUSE_AFTER_ERROR);
    } catch (InterruptedException e) {
      running = false;
    }
  }

  /** Stops after the receive or invocation under way (a second or so), then closes the client. */
  @Override
  public void close() throws InterruptedException {
    running = false;
    if (!thread.join(Duration.ofSeconds(WAIT_SECONDS + 30))) {
      thread.interrupt();
    }
    sqs.close();
  }

  /** The SQSEvent Lambda sends for a batch of messages. */
  static final class SqsEvents {
    private SqsEvents() {}

    static Map<String, Object> event(List<Message> batch, String queueArn, String region) {
      List<Map<String, Object>> records = new ArrayList<>();
      for (Message m : batch) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("messageId", m.messageId());
        record.put("receiptHandle", m.receiptHandle());
        record.put("body", m.body());
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String name : List.of("ApproximateReceiveCount", "SentTimestamp", "SenderId", "ApproximateFirstReceiveTimestamp")) {
          String value = m.attributesAsStrings().get(name);
          if (value != null) {
            attributes.put(name, value);
          }
        }
        record.put("attributes", attributes);
        Map<String, Object> messageAttributes = new LinkedHashMap<>();
        m.messageAttributes().forEach((name, value) -> messageAttributes.put(name, attribute(value)));
        record.put("messageAttributes", messageAttributes);
        record.put("md5OfBody", m.md5OfBody());
        if (m.md5OfMessageAttributes() != null) {
          record.put("md5OfMessageAttributes", m.md5OfMessageAttributes());
        }
        record.put("eventSource", "aws:sqs");
        record.put("eventSourceARN", queueArn);
        record.put("awsRegion", region);
        records.add(record);
      }
      return Map.of("Records", records);
    }

    private static Map<String, Object> attribute(MessageAttributeValue value) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("stringValue", value.stringValue());
      out.put("binaryValue", value.binaryValue() == null ? null : Base64.getEncoder().encodeToString(value.binaryValue().asByteArray()));
      out.put("stringListValues", value.hasStringListValues() ? value.stringListValues() : List.of());
      out.put("binaryListValues", value.hasBinaryListValues()
          ? value.binaryListValues().stream().map(b -> Base64.getEncoder().encodeToString(b.asByteArray())).toList() : List.of());
      out.put("dataType", value.dataType());
      return out;
    }
  }
}
