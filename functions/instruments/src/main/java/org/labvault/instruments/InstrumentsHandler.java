package org.labvault.instruments;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import org.labvault.shared.aws.Priming;
import org.labvault.shared.config.Config;
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
    this.router = InstrumentRoutes.router(c);
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
