package org.labvault.monitor;

import org.labvault.monitor.domain.AlarmView;
import org.labvault.monitor.port.AlarmStore;
import org.labvault.shared.aws.AwsFailures;
import org.labvault.shared.http.ApiResponse;
import org.labvault.shared.http.Router;
import org.labvault.shared.time.Times;

/** The operators' alarm route; the router audits every use of it. */
final class AlarmOpsRoutes {

  private AlarmOpsRoutes() {}

  static Router router(AlarmOpsComponent c, AlarmStore alarms) {
    return Router.builder()
        .translatingFailures(AwsFailures::unavailable)
        .authorizing(c.authorizer())
        .on("GET /ops/alarms", r -> ApiResponse.ok(alarms.since(Times.since(r.query("since"), c.clock()), r.page())
            .map(AlarmView::of)))
        .build();
  }
}
