package org.labvault.audit;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Instant;
import java.util.Map;
import org.labvault.shared.config.Config;
import org.labvault.shared.http.Router;
import org.labvault.shared.paging.PageRequest;
import org.labvault.shared.snapstart.SnapStartFunction;

/** The operators' audit routes: read the records since a time, verify every chain. */
public final class AuditOpsHandler extends SnapStartFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  private final Router router;
  private final AuditTrail trail;

  public AuditOpsHandler() {
    this(System.getenv());
  }

  public AuditOpsHandler(Map<String, String> environment) {
    this(DaggerAuditComponent.factory().create(Config.from(environment)));
  }

  AuditOpsHandler(AuditComponent c) {
    primedBy(c.priming());
    this.trail = c.trail();
    this.router = AuditOpsRoutes.router(c, trail);
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return router.handle(event, context);
  }

  @Override
  protected void primeRequest() {
    router.prime("GET /priming", Map.of(), null); // /ops routes are audited: the trail is read directly
    trail.since(Instant.now(), PageRequest.first(1));
  }
}
