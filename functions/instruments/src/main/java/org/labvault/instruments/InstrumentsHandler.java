package org.labvault.instruments;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import org.labvault.shared.aws.AwsFailures;
import org.labvault.shared.http.Router;

/** Instruments: registration from a CSR, revocation, group grants. (Routes under construction.) */
public final class InstrumentsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  private final Router router;

  public InstrumentsHandler() {
    this(System.getenv());
  }

  public InstrumentsHandler(Map<String, String> environment) {
    this.router = Router.builder().translatingFailures(AwsFailures::unavailable).build();
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return router.handle(event, context);
  }
}
