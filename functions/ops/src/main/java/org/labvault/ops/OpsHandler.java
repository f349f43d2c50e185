package org.labvault.ops;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import org.labvault.shared.aws.AwsFailures;
import org.labvault.shared.config.Config;
import org.labvault.shared.http.ApiResponse;
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
    HealthService health = ops.health();
    NoticeService notices = ops.notices();
    AppRegistryService apps = ops.apps();
    DeletionReportService deletions = ops.deletions();
    CanaryReportService canary = ops.canary();
    this.router =
        Router.builder()
            .translatingFailures(AwsFailures::unavailable)
            .authorizing(ops.authorizer())
            .on("GET /health", req -> ApiResponse.ok(health.check()))
            .on("GET /notifications",
                req -> ApiResponse.ok(notices.active(req.principal(), req.page()).map(NoticeView::forReaders)))
            .on("POST /ops/notifications",
                req -> ApiResponse.created(NoticeView.forOperators(
                    notices.post(req.caller(), req.body(CreateNoticeRequest.class).toCommand()))))
            .on("POST /ops/apps", req -> ApiResponse.created(AppView.of(
                apps.register(req.caller(), req.body(RegisterAppRequest.class).checked()))))
            .on("GET /ops/apps", req -> ApiResponse.ok(apps.list(req.page()).map(AppView::of)))
            .on("GET /ops/deletions", req -> ApiResponse.ok(deletions.list(req.query("status").orElse(null), req.page())))
            .on("GET /ops/canary/latest", req -> ApiResponse.ok(canary.latest()))
            .build();
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
