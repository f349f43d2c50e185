package org.labvault.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.labvault.shared.json.Json;

/**
 * Lambda's event filtering ({@code FilterCriteria}) on the records of an event source mapping: a
 * record reaches the function when it matches at least one filter, and a record that matches none
 * is dropped (it counts as processed). A pattern is a JSON object whose keys follow the record's
 * structure; a nested object descends, and an array at a leaf lists what the value may be, any of:
 * an exact string, number, boolean or null; {@code {"prefix": "..."}}; {@code {"exists": true|false}};
 * {@code {"anything-but": value or [values]}}. Other comparison operators are refused when the
 * template is read, so a filter is never silently widened.
 */
public final class EventFilter {

  private final List<JsonNode> patterns;

  private EventFilter(List<JsonNode> patterns) {
    this.patterns = patterns;
  }

  /** No filters: every record passes. */
  public static final EventFilter NONE = new EventFilter(List.of());

  /**
   * The filters of a mapping's {@code FilterCriteria.Filters}: each a map with a {@code Pattern}
   * string.
   *
   * @throws IllegalArgumentException naming what the local stack does not apply
   */
  public static EventFilter of(List<Object> filters) {
    List<JsonNode> patterns = new ArrayList<>();
    for (Object filter : filters) {
      Object pattern = filter instanceof Map<?, ?> m ? m.get("Pattern") : null;
      if (!(pattern instanceof String text)) {
        throw new IllegalArgumentException("each filter needs a Pattern string");
      }
      JsonNode node;
      try {
        node = Json.instance().mapper().readTree(text);
      } catch (IOException e) {
        throw new IllegalArgumentException("the Pattern is not JSON: " + text);
      }
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("the Pattern must be a JSON object: " + text);
      }
      check(node, "");
      patterns.add(node);
    }
    return new EventFilter(List.copyOf(patterns));
  }

  /** Whether the record (as Lambda puts it in the event) reaches the function. */
  public boolean passes(Map<String, Object> record) {
    if (patterns.isEmpty()) {
      return true;
    }
    JsonNode event = Json.instance().mapper().valueToTree(record);
    return patterns.stream().anyMatch(p -> matchesObject(p, event));
  }

  private static void check(JsonNode pattern, String path) {
    for (Iterator<Map.Entry<String, JsonNode>> it = pattern.fields(); it.hasNext(); ) {
      var field = it.next();
      String where = path + "/" + field.getKey();
      JsonNode value = field.getValue();
      if (value.isObject()) {
        check(value, where);
      } else if (value.isArray()) {
        for (JsonNode matcher : value) {
          if (matcher.isObject()) {
            if (matcher.size() != 1) {
              throw new IllegalArgumentException("at " + where + ": one operator per matcher");
            }
            String operator = matcher.fieldNames().next();
            JsonNode operand = matcher.get(operator);
            boolean ok = switch (operator) {
              case "prefix" -> operand.isTextual();
              case "exists" -> operand.isBoolean();
              case "anything-but" -> operand.isValueNode() || operand.isArray();
              default -> false;
            };
            if (!ok) {
              throw new IllegalArgumentException("at " + where + ": the filter operator " + operator
                  + " (as written) is not applied by the local stack");
            }
          } else if (matcher.isArray()) {
            throw new IllegalArgumentException("at " + where + ": nested arrays are not a matcher");
          }
        }
      } else {
        throw new IllegalArgumentException("at " + where + ": a leaf must be an array of matchers");
      }
    }
  }

  private static boolean matchesObject(JsonNode pattern, JsonNode event) {
    for (Iterator<Map.Entry<String, JsonNode>> it = pattern.fields(); it.hasNext(); ) {
      var field = it.next();
      JsonNode value = event == null || !event.isObject() ? null : event.get(field.getKey());
      JsonNode expected = field.getValue();
      boolean ok = expected.isObject() ? value != null && matchesObject(expected, value) : matchesLeaf(expected, value);
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean matchesLeaf(JsonNode matchers, JsonNode value) {
    for (JsonNode matcher : matchers) {
      if (matcher.isObject() && matcher.has("exists")) {
        boolean present = value != null && !value.isNull();
        if (present == matcher.get("exists").asBoolean()) {
          return true;
        }
      } else if (value != null) {
        if (value.isArray()) {
          for (JsonNode element : value) {
            if (matchesValue(matcher, element)) {
              return true;
            }
          }
        } else if (matchesValue(matcher, value)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean matchesValue(JsonNode matcher, JsonNode value) {
    if (matcher.isObject()) {
      if (matcher.has("prefix")) {
        return value.isTextual() && value.asText().startsWith(matcher.get("prefix").asText());
      }
      JsonNode excluded = matcher.get("anything-but");
      if (excluded.isArray()) {
        for (JsonNode e : excluded) {
          if (equal(e, value)) {
            return false;
          }
        }
        return true;
      }
      return !equal(excluded, value);
    }
    return equal(matcher, value);
  }

  /** Strings equal as strings; numbers by value (1 and 1.0 are the same number). */
  private static boolean equal(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return a.equals(b);
  }
}
