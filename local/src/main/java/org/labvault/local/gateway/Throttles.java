package org.labvault.local.gateway;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.labvault.local.template.EventSource;
import org.labvault.local.template.Model;
import org.labvault.local.template.StackModel;

/**
 * The HTTP APIs' throttles as API Gateway applies them: one token bucket per route of the stage,
 * shared by every caller, sized by the route's RouteSettings or its API's DefaultRouteSettings. A
 * route with neither is limited only by the account's quota, which the local stack does not emulate;
 * the local-only routes under {@code /local} are no routes of the template and never throttled.
 */
final class Throttles {

  private final Map<EventSource.HttpRoute, TokenBucket> buckets = new HashMap<>();

  Throttles(StackModel model, LongSupplier nanoTime) {
    for (EventSource.HttpRoute route : model.routes()) {
      Model.Throttle throttle = model.throttleOf(route);
      if (throttle != null) {
        buckets.put(route, new TokenBucket(throttle, nanoTime));
      }
    }
  }

  /** A token of the route's bucket: {@link TokenBucket#ADMITTED}, or how long to wait (see {@link TokenBucket#take()}). */
  long take(EventSource.HttpRoute route) {
    TokenBucket bucket = buckets.get(route);
    return bucket == null ? TokenBucket.ADMITTED : bucket.take();
  }
}
