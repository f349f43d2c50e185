package org.labvault.local.sns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

class SqsDeliveryTest {

  /** An SQS that takes batches except the entries it is told to refuse, and single sends always. */
  static final class Queues implements SqsClient {
    final List<SendMessageBatchRequest> batches = new CopyOnWriteArrayList<>();
    final List<String> singles = new CopyOnWriteArrayList<>();
    final List<String> refuse = new ArrayList<>();

    @Override
    public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
      batches.add(request);
      var ok = request.entries().stream().filter(e -> !refuse.contains(e.messageBody()))
          .map(e -> SendMessageBatchResultEntry.builder().id(e.id()).messageId("m" + e.id()).build()).toList();
      var failed = request.entries().stream().filter(e -> refuse.contains(e.messageBody()))
          .map(e -> BatchResultErrorEntry.builder().id(e.id()).code("InternalError").senderFault(false).build()).toList();
      return SendMessageBatchResponse.builder().successful(ok).failed(failed).build();
    }

    @Override
    public SendMessageResponse sendMessage(SendMessageRequest request) {
      singles.add(request.messageBody());
      return SendMessageResponse.builder().messageId("single").build();
    }

    @Override
    public String serviceName() {
      return "sqs";
    }

    @Override
    public void close() {}
  }

  static SqsDelivery.Pending raw(String queue, String body) {
    var subscription = new TopicRegistry.Subscription("arn:aws:sns:us-east-1:000000000000:t:" + queue,
        "arn:aws:sns:us-east-1:000000000000:t", "sqs", "arn:aws:sqs:us-east-1:000000000000:" + queue,
        Map.of("RawMessageDelivery", "true"));
    return new SqsDelivery.Pending(subscription, new SnsEnvelope.Notification("id-" + body,
        "arn:aws:sns:us-east-1:000000000000:t", null, body, Map.of(), Instant.parse("2026-11-30T10:00:00Z")));
  }

  @Test
  void messagesForOneQueueGoInBatchesOfTen_andWhatABatchRefusedGoesAlone() {
    Queues sqs = new Queues();
    sqs.refuse.add("m7");
    List<SqsDelivery.Pending> pending = new ArrayList<>(IntStream.range(0, 12).mapToObj(i -> raw("a", "m" + i)).toList());
    pending.add(raw("b", "other"));
    try (SqsDelivery delivery = new SqsDelivery(sqs, "us-east-1")) {
      delivery.all(pending);
    }
    // queue a: 10 + 2 in two batches; queue b: its one message sent alone; m7 refused by its batch, sent alone
    assertThat(sqs.batches).extracting(b -> b.entries().size()).containsExactlyInAnyOrder(10, 2);
    assertThat(sqs.batches).allSatisfy(b -> assertThat(b.queueUrl()).endsWith("/a"));
    assertThat(sqs.singles).containsExactlyInAnyOrder("m7", "other");
  }
}
