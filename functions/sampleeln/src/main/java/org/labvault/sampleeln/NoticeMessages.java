package org.labvault.sampleeln;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One batch of the queue: each message is consumed alone, and each that fails is reported back. */
final class NoticeMessages {

  // the handler's logger: the log lines stay where operators look for them
  private static final Logger LOG = LoggerFactory.getLogger(SampleElnHandler.class);

  private final NoticeConsumer consumer;

  NoticeMessages(NoticeConsumer consumer) {
    this.consumer = consumer;
  }

  SQSBatchResponse consume(SQSEvent event) {
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    for (SQSEvent.SQSMessage message : event.getRecords() == null ? List.<SQSEvent.SQSMessage>of() : event.getRecords()) {
      try {
        LOG.info("message {}: {}", message.getMessageId(), consumer.consume(message.getBody()));
      } catch (DeletionNotice.Malformed e) {
        LOG.warn("message {} is malformed ({}); it goes to the dead-letter queue", message.getMessageId(), e.getMessage());
        failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
      } catch (RuntimeException e) {
        LOG.warn("message {} not handled, it comes again: {}", message.getMessageId(), e.toString());
        failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
      }
    }
    return new SQSBatchResponse(failures);
  }
}
