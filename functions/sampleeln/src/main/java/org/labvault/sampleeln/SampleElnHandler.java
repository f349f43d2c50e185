package org.labvault.sampleeln;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.labvault.shared.aws.Priming;
import org.labvault.shared.config.Config;
import org.labvault.shared.snapstart.SnapStartFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The sample application's queue of deletion notices. A message that fails is reported alone:
 * SQS delivers it again, and after five receives moves it to the dead-letter queue.
 */
public final class SampleElnHandler extends SnapStartFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {

  private static final Logger LOG = LoggerFactory.getLogger(SampleElnHandler.class);

  private final NoticeConsumer consumer;

  public SampleElnHandler() {
    this(System.getenv());
  }

  public SampleElnHandler(Map<String, String> environment) {
    this(DaggerSampleElnComponent.factory().create(Config.from(environment)));
  }

  SampleElnHandler(SampleElnComponent c) {
    primedBy(c.priming());
    c.settings(); // checked at INIT
    this.consumer = c.consumer();
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    MDC.put("requestId", context.getAwsRequestId());
    try {
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
    } finally {
      MDC.remove("requestId");
    }
    return new SQSBatchResponse(failures);
  }

  @Override
  protected void primeRequest() {
    handleRequest(new SQSEvent(), Priming.CONTEXT);
  }
}
