package org.labvault.canary;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.Map;
import org.labvault.shared.canary.CanaryRunView;
import org.labvault.shared.config.Config;
import org.labvault.shared.snapstart.SnapStartFunction;
import org.slf4j.MDC;

/**
 * The schedule: one run of the synthetic transaction. A failed run is an answer (stored, alarmed),
 * not an error; only a run that could not be stored fails the invocation.
 */
public final class CanaryHandler extends SnapStartFunction implements RequestHandler<ScheduledEvent, Map<String, Object>> {

  private final CanaryService canary;

  public CanaryHandler() {
    this(System.getenv());
  }

  public CanaryHandler(Map<String, String> environment) {
    this(DaggerCanaryComponent.factory().create(Config.from(environment)));
  }

  CanaryHandler(CanaryComponent c) {
    primedBy(c.priming());
    c.client(); // checked at INIT
    this.canary = c.canary();
  }

  @Override
  public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
    MDC.put("requestId", context.getAwsRequestId());
    try {
      return CanaryRunView.of(canary.run());
    } finally {
      MDC.remove("requestId");
    }
  }

  @Override
  protected void primeRequest() {
    // its one request is a whole run through the public API, which writes: nothing is primed
    // beyond INIT (the client and its token endpoint are built there)
  }
}
