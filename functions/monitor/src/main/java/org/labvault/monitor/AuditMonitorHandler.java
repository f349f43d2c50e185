package org.labvault.monitor;

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

/** The table's stream, filtered to inserted audit records and alarms: security alarms raised and published. */
public final class AuditMonitorHandler extends SnapStartFunction implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

  private final MonitorBatch batch;

  public AuditMonitorHandler() {
    this(System.getenv());
  }

  public AuditMonitorHandler(Map<String, String> environment) {
    this(DaggerMonitorComponent.factory().create(Config.from(environment)));
  }

  AuditMonitorHandler(MonitorComponent c) {
    primedBy(c.priming());
    this.batch = c.batch();
  }

  @Override
  public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
    return StreamResponses.respond(event, context, (records, requestId) -> batch.process(records));
  }

  @Override
  protected void primeRequest() {
    handleRequest(new DynamodbEvent(), Priming.CONTEXT);
    priming().readStore(Keys.burstWindow("PRIMING", Priming.NO_SUCH_ID));
  }
}
