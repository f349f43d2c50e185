package org.labvault.sampleeln;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.Map;
import org.labvault.shared.aws.Priming;
import org.labvault.shared.config.Config;
import org.labvault.shared.snapstart.SnapStartFunction;
import org.slf4j.MDC;

/**
 * The sample application's queue of deletion notices. A message that fails is reported alone:
 * SQS delivers it again, and after five receives moves it to the dead-letter queue.
 */
public final class SampleElnHandler extends SnapStartFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {

  private final NoticeMessages messages;

  public SampleElnHandler() {
    this(System.getenv());
  }

  public SampleElnHandler(Map<String, String> environment) {
    this(DaggerSampleElnComponent.factory().create(Config.from(environment)));
  }

  SampleElnHandler(SampleElnComponent c) {
    primedBy(c.priming());
    c.settings(); // checked at INIT
    this.messages = new NoticeMessages(c.consumer());
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    MDC.put("requestId", context.getAwsRequestId());
    try {
      return messages.consume(event);
    } finally {
      MDC.remove("requestId");
    }
  }

  @Override
  protected void primeRequest() {
    handleRequest(new SQSEvent(), Priming.CONTEXT);
  }
}
