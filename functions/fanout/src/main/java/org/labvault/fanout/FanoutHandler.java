package org.labvault.fanout;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.Map;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.aws.Priming;
import org.labvault.shared.config.Config;
import org.labvault.shared.snapstart.SnapStartFunction;
import org.labvault.shared.stream.StreamResponses;

/** The table's stream: deleted assets are expanded into link notices, owed notices published. */
public final class FanoutHandler extends SnapStartFunction implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

  private final StreamBatch batch;

  public FanoutHandler() {
    this(System.getenv());
  }

  public FanoutHandler(Map<String, String> environment) {
    this(DaggerFanoutComponent.factory().create(Config.from(environment)));
  }

  FanoutHandler(FanoutComponent c) {
    primedBy(c.priming());
    c.schedule(); // checked at INIT: due times are computed with it
    this.batch = c.batch();
  }

  @Override
  public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
    return StreamResponses.respond(event, context, (records, requestId) -> batch.process(records.stream()
        .map(r -> new StreamBatch.Item(StreamResponses.sequenceNumber(r), StreamChange.of(r))).toList(), requestId));
  }

  @Override
  protected void primeRequest() {
    handleRequest(new DynamodbEvent(), Priming.CONTEXT);
    priming().readStore(Keys.asset(Priming.NO_SUCH_ID));
  }
}
