package org.labvault.deletion;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import org.labvault.shared.aws.Priming;
import org.labvault.shared.config.Config;
import org.labvault.shared.http.Router;
import org.labvault.shared.snapstart.SnapStartFunction;

public final class DeletionHandler extends SnapStartFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  private final Router router;

  public DeletionHandler() {
    this(System.getenv());
  }

  public DeletionHandler(Map<String, String> environment) {
    this(DaggerDeletionComponent.factory().create(Config.from(environment)));
  }

  DeletionHandler(DeletionComponent c) {
    primedBy(c.priming());
    c.renotifyDelay(); // checked at INIT: every link deletion enters the due index with it
    this.router = DeletionRoutes.router(c);
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return router.handle(event, context);
  }

  @Override
  protected void primeRequest() {
    router.prime("GET /assets/{assetId}/deletion", Map.of("assetId", Priming.NO_SUCH_ID), null);
  }
}
