package org.labvault.local.template;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads an HTTP API's {@code DefaultRouteSettings} and {@code RouteSettings} into
 * {@link Model.Throttle}s, which the local gateway enforces as API Gateway does. A route's settings
 * replace the default ones as a whole (a limit left out is the account's, not the default), so an
 * entry must give both limits; HTTP APIs have no data trace or logging level, so those are errors.
 */
final class RouteThrottles {

  private static final String BURST = "ThrottlingBurstLimit";
  private static final String RATE = "ThrottlingRateLimit";
  private static final Set<String> SETTINGS = Set.of(BURST, RATE, "DetailedMetricsEnabled", "DataTraceEnabled", "LoggingLevel");
  private static final Set<String> WEBSOCKET_ONLY = Set.of("DataTraceEnabled", "LoggingLevel");

  private RouteThrottles() {}

  /** The API's default throttle, or null when it declares none. */
  static Model.Throttle defaults(StackModel model, String apiId, Map<String, Object> props) {
    if (!props.containsKey("DefaultRouteSettings")) {
      return null;
    }
    String where = apiId + ".DefaultRouteSettings";
    Map<String, Object> settings = resolved(model, props.get("DefaultRouteSettings"), where);
    if (!settings.containsKey(BURST) && !settings.containsKey(RATE)) {
      return null;
    }
    return throttle(settings, where);
  }

  /** The API's per-route throttles by route key; that each key names a route is checked with the routes. */
  static Map<String, Model.Throttle> perRoute(StackModel model, String apiId, Map<String, Object> props) {
    Map<String, Model.Throttle> throttles = new LinkedHashMap<>();
    String where = apiId + ".RouteSettings";
    Template.map(model.intrinsics().resolve(props.getOrDefault("RouteSettings", Map.of()), where))
        .forEach((routeKey, def) -> {
          String entry = where + "." + routeKey;
          throttles.put(routeKey, throttle(resolved(model, def, entry), entry));
        });
    return throttles;
  }

  private static Map<String, Object> resolved(StackModel model, Object settings, String where) {
    Map<String, Object> map = Template.map(model.intrinsics().resolve(settings, where));
    model.checkProperties(where, map, SETTINGS);
    for (String key : WEBSOCKET_ONLY) {
      if (map.containsKey(key)) {
        throw new TemplateException(where + "." + key + " applies to WebSocket APIs only; an HTTP API refuses it");
      }
    }
    if (map.containsKey("DetailedMetricsEnabled")) {
      model.note(where + ".DetailedMetricsEnabled: per-route metrics are AWS-side (CloudWatch)");
    }
    return map;
  }

  private static Model.Throttle throttle(Map<String, Object> settings, String where) {
    if (!settings.containsKey(BURST) || !settings.containsKey(RATE)) {
      throw new TemplateException(where + ": give both " + BURST + " and " + RATE
          + " (a limit left out is the account's, not the default route's)");
    }
    double burst = number(settings.get(BURST), where + "." + BURST);
    if (burst != Math.rint(burst) || burst > Integer.MAX_VALUE) {
      throw new TemplateException(where + "." + BURST + " must be a whole number, not " + settings.get(BURST));
    }
    return new Model.Throttle((int) burst, number(settings.get(RATE), where + "." + RATE));
  }

  private static double number(Object value, String where) {
    try {
      double number = Double.parseDouble(String.valueOf(value));
      if (number >= 0 && Double.isFinite(number)) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new TemplateException(where + " must be a number of at least 0, not " + value);
  }
}
