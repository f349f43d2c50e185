package org.labvault.instruments;

import org.labvault.instruments.InstrumentRequests.Register;
import org.labvault.instruments.InstrumentViews.GrantView;
import org.labvault.instruments.InstrumentViews.InstrumentView;
import org.labvault.shared.aws.AwsFailures;
import org.labvault.shared.http.ApiResponse;
import org.labvault.shared.http.Router;

/**
 * The instrument routes: each route key reads its request (InstrumentRequests), calls the service and
 * shapes the answer (InstrumentViews).
 */
final class InstrumentRoutes {

  private InstrumentRoutes() {}

  static Router router(InstrumentsComponent c) {
    InstrumentService instruments = c.instruments();
    return Router.builder()
        .translatingFailures(AwsFailures::unavailable)
        .on("POST /instruments", r -> ApiResponse.created(InstrumentView.of(
            instruments.register(r.caller(), r.body(Register.class).checked()), instruments.mqttEndpoint())))
        .on("GET /instruments", r -> ApiResponse.ok(instruments.list(r.caller(), r.page())
            .map(i -> InstrumentView.of(i, instruments.mqttEndpoint()))))
        .on("GET /instruments/{instrumentId}", r -> ApiResponse.ok(InstrumentView.of(
            instruments.get(r.caller(), r.path("instrumentId")), instruments.mqttEndpoint())))
        .onNoContent("DELETE /instruments/{instrumentId}", r -> instruments.revoke(r.caller(), r.path("instrumentId")))
        .onNoContent("PUT /groups/{groupId}/instruments/{instrumentId}", r ->
            instruments.grant(r.caller(), r.path("groupId"), r.path("instrumentId")))
        .onNoContent("DELETE /groups/{groupId}/instruments/{instrumentId}", r ->
            instruments.ungrant(r.caller(), r.path("groupId"), r.path("instrumentId")))
        .on("GET /groups/{groupId}/instruments", r -> ApiResponse.ok(
            instruments.grants(r.caller(), r.path("groupId"), r.page()).map(GrantView::of)))
        .build();
  }
}
