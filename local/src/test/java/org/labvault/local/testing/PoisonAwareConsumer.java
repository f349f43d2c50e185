package org.labvault.local.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An SQS consumer for the stack tests: records every message it sees, and reports each one whose
 * body contains "poison" as a batch item failure.
 */
public final class PoisonAwareConsumer implements RequestHandler<SQSEvent, SQSBatchResponse> {

  /** What one invocation saw of one message. */
  public record Seen(String messageId, String body, String receiveCount, Map<String, String> stringAttributes,
      String eventSourceArn) {}

  public static final List<Seen> SEEN = new CopyOnWriteArrayList<>();

  public PoisonAwareConsumer(Map<String, String> environment) {
    // the environment is not needed
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    for (SQSEvent.SQSMessage m : event.getRecords()) {
      Map<String, String> attributes = new java.util.LinkedHashMap<>();
      if (m.getMessageAttributes() != null) {
        m.getMessageAttributes().forEach((k, v) -> attributes.put(k, v.getStringValue()));
      }
      SEEN.add(new Seen(m.getMessageId(), m.getBody(), m.getAttributes().get("ApproximateReceiveCount"), attributes,
          m.getEventSourceArn()));
      if (m.getBody().contains("poison")) {
        failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(m.getMessageId()).build());
      }
    }
    return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
  }
}
