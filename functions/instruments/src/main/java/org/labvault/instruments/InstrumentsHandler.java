package org.labvault.instruments;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import org.labvault.instruments.InstrumentRequests.Register;
import org.labvault.instruments.InstrumentViews.GrantView;
import org.labvault.instruments.InstrumentViews.InstrumentView;
import org.labvault.shared.aws.AwsFailures;
import org.labvault.shared.aws.Priming;
import org.labvault.shared.config.Config;
import org.labvault.shared.http.ApiResponse;
import org.labvault.shared.http.Router;
import org.labvault.shared.snapstart.SnapStartFunction;

/** Instruments: registration from a CSR, reading and revoking them, granting them to groups. */
public final class InstrumentsHandler extends SnapStartFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  private final Router router;

  public InstrumentsHandler() {
    this(System.getenv());
  }

  public InstrumentsHandler(Map<String, String> environment) {
    this(DaggerInstrumentsComponent.factory().create(Config.from(environment)));
  }

  InstrumentsHandler(InstrumentsComponent c) {
    primedBy(c.priming());
    InstrumentService instruments = c.instruments();
    this.router = Router.builder()
        .translatingFailures(AwsFailures::unavailable)
        .on("POST /instruments", r -> ApiResponse.created(InstrumentView.of(
            instruments.register(r.caller(), r.body(Register.class).checked()), instruments.mqttEndpoint())))
        .on("GET /instruments", r -> ApiResponse.ok(instruments.list(r.caller(), r.page())
            .map(i -> InstrumentView.of(i, instruments.mqttEndpoint()))))
        .on("GET /instruments/{instrumentId}", r -> ApiResponse.ok(InstrumentView.of(
            instruments.get(r.caller(), r.path("instrumentId")), instruments.mqttEndpoint())))
        .on("DELETE /instruments/{instrumentId}", r -> {
          instruments.revoke(r.caller(), r.path("instrumentId"));
          return ApiResponse.noContent();
        })
        .on("PUT /groups/{groupId}/instruments/{instrumentId}", r -> {
          instruments.grant(r.caller(), r.path("groupId"), r.path("instrumentId"));
          return ApiResponse.noContent();
        })
        .on("DELETE /groups/{groupId}/instruments/{instrumentId}", r -> {
          instruments.ungrant(r.caller(), r.path("groupId"), r.path("instrumentId"));
          return ApiResponse.noContent();
        })
        .on("GET /groups/{groupId}/instruments", r -> ApiResponse.ok(
            instruments.grants(r.caller(), r.path("groupId"), r.page()).map(GrantView::of)))
        .build();
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return router.handle(event, context);
  }

  @Override
  protected void primeRequest() {
    router.prime("GET /instruments", Map.of(), null); // the priming caller owns none
    router.prime("GET /instruments/{instrumentId}", Map.of("instrumentId", Priming.NO_SUCH_ID), null);
  }
}
