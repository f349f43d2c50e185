package org.labvault.local.sns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.labvault.local.engine.SqsEngine;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SqsException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Sends published messages to subscribed queues through the local SQS API. The first attempt is
 * made before Publish answers; a failed one is retried in the background (as SNS retries SQS
 * deliveries), with a growing pause up to 20 s, until it succeeds or the stack stops. Deliveries
 * still pending at a stop are lost (they live in memory only). A message SQS refuses for what it
 * is (e.g. more than 10 attributes on a raw delivery) is dropped with a line on stderr, as no retry
 * can help it.
 */
final class SqsDelivery implements AutoCloseable {

  private static final Duration FIRST_RETRY = Duration.ofMillis(200);
  private static final Duration LONGEST_PAUSE = Duration.ofSeconds(20);
  /** SendMessageBatch takes at most this many messages. */
  private static final int MAX_BATCH = 10;

  private final SqsClient sqs;
  private final String region;
  private final ScheduledExecutorService retries =
      Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("sns-delivery-retry").factory());

  SqsDelivery(SqsClient sqs, String region) {
    this.sqs = sqs;
    this.region = region;
  }

  /** One message for one subscription. */
  record Pending(TopicRegistry.Subscription subscription, SnsEnvelope.Notification notification) {}

  /**
   * Makes the first attempt of every delivery before returning: the messages for one queue go in
   * SendMessageBatch calls of up to 10 (one request instead of ten), the queues side by side. A
   * message a batch did not take, or a batch that failed as a whole, goes the single way, with its
   * retries.
   */
  void all(List<Pending> deliveries) {
    Map<String, List<Pending>> byQueue = new LinkedHashMap<>();
    for (Pending p : deliveries) {
      byQueue.computeIfAbsent(p.subscription().endpoint(), q -> new ArrayList<>()).add(p);
    }
    if (byQueue.size() == 1) {
      byQueue.values().forEach(this::toOneQueue);
      return;
    }
    try (var together = Executors.newVirtualThreadPerTaskExecutor()) {
      byQueue.values().forEach(queue -> together.submit(() -> toOneQueue(queue)));
    }
  }

  private void toOneQueue(List<Pending> messages) {
    for (int from = 0; from < messages.size(); from += MAX_BATCH) {
      List<Pending> chunk = messages.subList(from, Math.min(messages.size(), from + MAX_BATCH));
      if (chunk.size() == 1) {
        deliver(chunk.getFirst().subscription(), chunk.getFirst().notification());
        continue;
      }
      List<SendMessageRequest> requests = chunk.stream().map(p -> request(p.subscription(), p.notification())).toList();
      List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
      for (int i = 0; i < requests.size(); i++) {
        SendMessageRequest r = requests.get(i);
        entries.add(SendMessageBatchRequestEntry.builder().id(String.valueOf(i)).messageBody(r.messageBody())
            .messageAttributes(r.messageAttributes()).build());
      }
      Set<String> taken = new HashSet<>();
      try {
        sqs.sendMessageBatch(b -> b.queueUrl(requests.getFirst().queueUrl()).entries(entries)).successful()
            .forEach(ok -> taken.add(ok.id()));
      } catch (SdkException e) {
        // every message goes the single way below
      }
      for (int i = 0; i < requests.size(); i++) {
        if (!taken.contains(String.valueOf(i))) {
          attempt(requests.get(i), chunk.get(i).subscription(), FIRST_RETRY, true);
        }
      }
    }
  }

  /** Delivers now, or schedules retries; never throws. */
  void deliver(TopicRegistry.Subscription subscription, SnsEnvelope.Notification notification) {
    attempt(request(subscription, notification), subscription, FIRST_RETRY, true);
  }

  private void attempt(SendMessageRequest request, TopicRegistry.Subscription subscription, Duration pause, boolean first) {
    try {
      sqs.sendMessage(request);
    } catch (SqsException e) {
      if (refusedForGood(e)) {
        System.err.println("LabVault local stack: SQS refused a message for " + subscription.endpoint()
            + "; it is dropped: " + e.getMessage());
        return;
      }
      retryLater(request, subscription, pause, first, e);
    } catch (SdkException e) {
      retryLater(request, subscription, pause, first, e);
    }
  }

  /** A 400 other than a missing queue (which may be created yet) or throttling. */
  private static boolean refusedForGood(SqsException e) {
    return e.statusCode() == 400 && !(e instanceof QueueDoesNotExistException) && !e.isThrottlingException();
  }

  private void retryLater(SendMessageRequest request, TopicRegistry.Subscription subscription, Duration pause,
      boolean first, SdkException e) {
    if (first) {
      System.err.println("LabVault local stack: SNS could not deliver to " + subscription.endpoint()
          + "; retrying until it can: " + e.getMessage());
    }
    Duration next = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
    try {
      retries.schedule(() -> attempt(request, subscription, next, false), pause.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException stopping) {
      System.err.println("LabVault local stack: stopping; a message for " + subscription.endpoint() + " is dropped");
    }
  }

  private SendMessageRequest request(TopicRegistry.Subscription subscription, SnsEnvelope.Notification n) {
    String queueName = subscription.endpoint().substring(subscription.endpoint().lastIndexOf(':') + 1);
    String accountId = subscription.endpoint().split(":")[4];
    SendMessageRequest.Builder request = SendMessageRequest.builder()
        .queueUrl(SqsEngine.queueUrl(region, accountId, queueName));
    if (subscription.raw()) {
      Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
      n.attributes().forEach((name, a) -> attributes.put(name, sqsAttribute(a)));
      request.messageBody(n.message()).messageAttributes(attributes);
    } else {
      request.messageBody(SnsEnvelope.of(n, subscription.arn(), region));
    }
    return request.build();
  }

  /** SNS's raw delivery keeps the data type; String.Array travels as a String of that custom type. */
  private static MessageAttributeValue sqsAttribute(MessageAttribute a) {
    return a.binaryValue() != null
        ? MessageAttributeValue.builder().dataType(a.dataType()).binaryValue(SdkBytes.fromByteArray(a.binaryValue())).build()
        : MessageAttributeValue.builder().dataType(a.dataType()).stringValue(a.stringValue()).build();
  }

  @Override
  public void close() {
    retries.shutdownNow();
  }
}
