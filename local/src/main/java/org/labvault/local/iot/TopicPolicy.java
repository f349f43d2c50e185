package org.labvault.local.iot;

/**
 * The policy the template attaches to every instrument's certificate, as the broker applies it:
 * a thing publishes to, and subscribes to filters under, {@code labvault/instruments/<its name>/}
 * only. A filter's wildcards may only stand below that prefix ({@code labvault/instruments/<name>/#}
 * is its own); {@code #}, {@code +} in the prefix, another thing's prefix and shared subscriptions
 * are refused.
 */
public final class TopicPolicy {

  public static final String ROOT = "labvault/instruments/";

  private TopicPolicy() {}

  /** The prefix of every topic {@code thingName} may use. */
  public static String prefix(String thingName) {
    return ROOT + thingName + "/";
  }

  /** Whether {@code thingName} may publish to {@code topic} (a topic name: no wildcards). */
  public static boolean mayPublish(String thingName, String topic) {
    return underOwnPrefix(thingName, topic) && topic.indexOf('+') < 0 && topic.indexOf('#') < 0;
  }

  /** Whether {@code thingName} may subscribe to {@code filter}. */
  public static boolean maySubscribe(String thingName, String filter) {
    return underOwnPrefix(thingName, filter);
  }

  private static boolean underOwnPrefix(String thingName, String topic) {
    if (thingName == null || thingName.isEmpty() || thingName.contains("/") || thingName.contains("+")
        || thingName.contains("#")) {
      return false;
    }
    String prefix = prefix(thingName);
    return topic.startsWith(prefix) && topic.length() > prefix.length();
  }
}
