package org.labvault.ops;

import org.labvault.shared.aws.AwsFailures;
import org.labvault.shared.http.ApiResponse;
import org.labvault.shared.http.Router;

/**
 * The health, notification and /ops routes: each route key reads its request, calls one service and
 * shapes the answer; every /ops use is audited by the router.
 */
final class OpsRoutes {

  private OpsRoutes() {}

  static Router router(OpsComponent ops) {
    HealthService health = ops.health();
    NoticeService notices = ops.notices();
    AppRegistryService apps = ops.apps();
    DeletionReportService deletions = ops.deletions();
    CanaryReportService canary = ops.canary();
    return Router.builder()
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
}
