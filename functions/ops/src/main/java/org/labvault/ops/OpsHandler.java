package org.labvault.ops;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import org.labvault.shared.config.Config;
import org.labvault.shared.http.Router;
import org.labvault.shared.snapstart.SnapStartFunction;

public final class OpsHandler extends SnapStartFunction
    implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  private final Router router;

  public OpsHandler() {
    this(System.getenv());
  }

  public OpsHandler(Map<String, String> environment) {
    this(DaggerOpsComponent.factory().create(Config.from(environment)));
  }

  OpsHandler(OpsComponent ops) {
    primedBy(ops.priming());
    this.router = OpsRoutes.router(ops);
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return router.handle(event, context);
  }

  @Override
  protected void primeRequest() {
    router.prime("GET /health", Map.of(), null);
  }
}
