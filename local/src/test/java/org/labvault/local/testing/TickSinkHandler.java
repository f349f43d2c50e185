package org.labvault.local.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A scheduled function for end-to-end tests: keeps every scheduled event it gets. */
public final class TickSinkHandler implements RequestHandler<ScheduledEvent, String> {

  public static final List<ScheduledEvent> RECEIVED = new CopyOnWriteArrayList<>();

  public TickSinkHandler(Map<String, String> env) {}

  @Override
  public String handleRequest(ScheduledEvent event, Context context) {
    RECEIVED.add(event);
    return "ok";
  }
}
