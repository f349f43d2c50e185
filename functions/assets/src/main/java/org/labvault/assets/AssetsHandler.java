package org.labvault.assets;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import org.labvault.shared.aws.Priming;
import org.labvault.shared.config.Config;
import org.labvault.shared.http.Router;
import org.labvault.shared.snapstart.SnapStartFunction;

public final class AssetsHandler extends SnapStartFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  private final Router router;

  public AssetsHandler() {
    this(System.getenv());
  }

  public AssetsHandler(Map<String, String> environment) {
    this(DaggerAssetsComponent.factory().create(Config.from(environment)));
  }

  AssetsHandler(AssetsComponent c) {
    primedBy(c.priming());
    this.router = AssetRoutes.router(c);
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return router.handle(event, context);
  }

  @Override
  protected void primeRequest() {
    router.prime("GET /assets/{assetId}", Map.of("assetId", Priming.NO_SUCH_ID), null);
  }
}
