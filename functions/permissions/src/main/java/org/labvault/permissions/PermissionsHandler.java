package org.labvault.permissions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import org.labvault.shared.aws.Priming;
import org.labvault.shared.config.Config;
import org.labvault.shared.http.Router;
import org.labvault.shared.snapstart.SnapStartFunction;

public final class PermissionsHandler extends SnapStartFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  private final Router router;

  public PermissionsHandler() {
    this(System.getenv());
  }

  public PermissionsHandler(Map<String, String> environment) {
    this(DaggerPermissionsComponent.factory().create(Config.from(environment)));
  }

  PermissionsHandler(PermissionsComponent c) {
    primedBy(c.priming());
    this.router = PermissionRoutes.router(c);
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return router.handle(event, context);
  }

  @Override
  protected void primeRequest() {
    router.prime("POST /permissions/check", Map.of(),
        "{\"checks\":[{\"resource\":\"group:" + Priming.NO_SUCH_ID + "\",\"action\":\"assets:read\"}]}");
  }
}
