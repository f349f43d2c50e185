package org.labvault.local.iot.rules;

/** An MQTT topic filter: {@code +} matches one level, a trailing {@code #} any number (zero too). */
public record TopicFilter(String filter) {

  public TopicFilter {
    String[] levels = filter.split("/", -1);
    for (int i = 0; i < levels.length; i++) {
      String level = levels[i];
      boolean wildcard = level.equals("+") || (level.equals("#") && i == levels.length - 1);
      if (filter.isEmpty() || (!wildcard && (level.contains("+") || level.contains("#")))) {
        throw new UnsupportedSqlException("the topic filter '" + filter + "' is not a valid MQTT topic filter");
      }
    }
  }

  public boolean matches(String topic) {
    String[] want = filter.split("/", -1);
    String[] have = topic.split("/", -1);
    if (!filter.startsWith("$") && topic.startsWith("$")) {
      return false; // reserved topics match only filters that name them
    }
    for (int i = 0; i < want.length; i++) {
      if (want[i].equals("#")) {
        return true;
      }
      if (i >= have.length || !(want[i].equals("+") || want[i].equals(have[i]))) {
        return false;
      }
    }
    return want.length == have.length;
  }
}
