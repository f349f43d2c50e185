package org.labvault.permissions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.labvault.shared.auth.Authorizer;
import org.labvault.shared.aws.AwsFailures;
import org.labvault.shared.aws.Priming;
import org.labvault.shared.config.Config;
import org.labvault.shared.http.ApiResponse;
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
    Authorizer authorizer = c.authorizer();
    this.router = Router.builder()
        .translatingFailures(AwsFailures::unavailable)
        .on("POST /permissions/check", r -> {
          var checks = r.body(CheckRequest.class).toChecks();
          var decisions = authorizer.decideAll(r.principal(), checks);
          List<CheckResult> results = new ArrayList<>(checks.size());
          for (int i = 0; i < checks.size(); i++) {
            results.add(CheckResult.of(checks.get(i), decisions.get(i)));
          }
          return ApiResponse.ok(Map.of("results", results));
        })
        .build();
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
