package org.labvault.fanout;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.labvault.shared.config.Config;
import org.labvault.shared.deletion.port.NoticeRepository;
import org.labvault.shared.snapstart.SnapStartFunction;
import org.slf4j.MDC;

/** The schedule: due deletion notices are sent again, exhausted ones become OVERDUE. */
public final class RenotifyHandler extends SnapStartFunction implements RequestHandler<ScheduledEvent, Map<String, Integer>> {

  private final Renotifier renotifier;
  private final NoticeRepository notices;

  public RenotifyHandler() {
    this(System.getenv());
  }

  public RenotifyHandler(Map<String, String> environment) {
    this(DaggerFanoutComponent.factory().create(Config.from(environment)));
  }

  RenotifyHandler(FanoutComponent c) {
    primedBy(c.priming());
    c.schedule(); // checked at INIT
    this.renotifier = c.renotifier();
    this.notices = c.notices();
  }

  /** A failure is thrown: the next scheduled run picks up whatever is still due. */
  @Override
  public Map<String, Integer> handleRequest(ScheduledEvent event, Context context) {
    MDC.put("requestId", context.getAwsRequestId());
    try {
      var summary = renotifier.run();
      Map<String, Integer> out = new LinkedHashMap<>();
      out.put("due", summary.due());
      out.put("renotified", summary.renotified());
      out.put("overdue", summary.overdue());
      return out;
    } finally {
      MDC.remove("requestId");
    }
  }

  @Override
  protected void primeRequest() {
    // a run renotifies whatever is due; what was due before any deletion is nothing: the due index is read
    notices.due(Instant.EPOCH).findAny();
  }
}
