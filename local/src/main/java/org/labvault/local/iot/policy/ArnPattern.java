package org.labvault.local.iot.policy;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A resource (or condition value) as a policy writes it: {@code *} matches any run of characters
 * ({@code /} included), {@code ?} any one character, and {@code ${variable}} the variable's value,
 * taken literally (a client id holding {@code *} is no wildcard). The MQTT wildcards {@code +} and
 * {@code #} are plain characters here, as IoT Core treats them in policies.
 */
public final class ArnPattern {

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

  private final String text;

  private ArnPattern(String text) {
    this.text = text;
  }

  /**
   * @throws IllegalArgumentException when it names a policy variable the local stack does not resolve
   */
  static ArnPattern of(String text, String where) {
    Matcher m = VARIABLE.matcher(text);
    while (m.find()) {
      if (!PolicyDocument.VARIABLES.contains(m.group(1))) {
        throw new IllegalArgumentException(where + ": the policy variable ${" + m.group(1)
            + "} is not supported by the local stack");
      }
    }
    return new ArnPattern(text);
  }

  /**
   * The pattern with {@code variables} put in, as a regular expression; empty when a variable it
   * names is not resolved.
   */
  Optional<Pattern> resolve(Map<String, String> variables, boolean wildcards, boolean ignoreCase) {
    StringBuilder regex = new StringBuilder();
    Matcher m = VARIABLE.matcher(text);
    int at = 0;
    while (m.find()) {
      literal(text.substring(at, m.start()), wildcards, regex);
      String value = variables.get(m.group(1));
      if (value == null) {
        return Optional.empty();
      }
      regex.append(Pattern.quote(value));
      at = m.end();
    }
    literal(text.substring(at), wildcards, regex);
    return Optional.of(Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0));
  }

  private static void literal(String part, boolean wildcards, StringBuilder regex) {
    StringBuilder run = new StringBuilder();
    for (char c : part.toCharArray()) {
      if (wildcards && (c == '*' || c == '?')) {
        if (!run.isEmpty()) {
          regex.append(Pattern.quote(run.toString()));
          run.setLength(0);
        }
        regex.append(c == '*' ? "(?s:.*)" : "(?s:.)");
      } else {
        run.append(c);
      }
    }
    if (!run.isEmpty()) {
      regex.append(Pattern.quote(run.toString()));
    }
  }

  @Override
  public String toString() {
    return text;
  }
}
