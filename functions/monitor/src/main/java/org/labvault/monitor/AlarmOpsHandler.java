package org.labvault.monitor;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Instant;
import java.util.Map;
import org.labvault.monitor.port.AlarmStore;
import org.labvault.shared.config.Config;
import org.labvault.shared.http.Router;
import org.labvault.shared.paging.PageRequest;
import org.labvault.shared.snapstart.SnapStartFunction;

/** The operators' alarms: {@code GET /ops/alarms?since=}, oldest first, paged. */
public final class AlarmOpsHandler extends SnapStartFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  private final Router router;
  private final AlarmStore alarms;

  public AlarmOpsHandler() {
    this(System.getenv());
  }

  public AlarmOpsHandler(Map<String, String> environment) {
    this(DaggerAlarmOpsComponent.factory().create(Config.from(environment)));
  }

  AlarmOpsHandler(AlarmOpsComponent c) {
    primedBy(c.priming());
    this.alarms = c.alarms();
    this.router = AlarmOpsRoutes.router(c, alarms);
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return router.handle(event, context);
  }

  @Override
  protected void primeRequest() {
    router.prime("GET /priming", Map.of(), null); // /ops routes are audited: alarms are read directly
    alarms.since(Instant.now(), PageRequest.first(1));
  }
}
