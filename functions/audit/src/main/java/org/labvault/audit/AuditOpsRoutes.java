package org.labvault.audit;

import org.labvault.shared.aws.AwsFailures;
import org.labvault.shared.http.ApiResponse;
import org.labvault.shared.http.Router;
import org.labvault.shared.time.Times;

/** The operators' audit routes; the router audits every use of them. */
final class AuditOpsRoutes {

  private AuditOpsRoutes() {}

  static Router router(AuditComponent c, AuditTrail trail) {
    return Router.builder()
        .translatingFailures(AwsFailures::unavailable)
        .authorizing(c.authorizer())
        .on("GET /ops/audit", r -> ApiResponse.ok(trail.since(Times.since(r.query("since"), c.clock()), r.page())))
        .on("POST /ops/audit/verify", r -> ApiResponse.ok(trail.verify()))
        .build();
  }
}
