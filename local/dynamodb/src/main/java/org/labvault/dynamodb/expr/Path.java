package org.labvault.dynamodb.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.labvault.dynamodb.value.AttributeValue;

/**
 * A document path: String elements are map keys (the first one the attribute name), Integer elements
 * list indexes.
 */
public record Path(List<Object> elements) {

  public Path {
    if (elements.isEmpty()) {
      throw new IllegalArgumentException("empty path");
    }
    for (Object e : elements) {
      if (!(e instanceof String) && !(e instanceof Integer)) {
        throw new IllegalArgumentException("path elements are names or indexes: " + e);
      }
    }
    elements = List.copyOf(elements);
    if (!(elements.get(0) instanceof String)) {
      throw new IllegalArgumentException("a path starts with an attribute name");
    }
  }

  public static Path of(Object... elements) {
    return new Path(List.of(elements));
  }

  /** The top-level attribute the path starts with. */
  public String attribute() {
    return (String) elements.get(0);
  }

  public boolean isTopLevel() {
    return elements.size() == 1;
  }

  /** The value at this path in the item, if every step exists and has the right type. */
  public Optional<AttributeValue> resolve(Map<String, AttributeValue> item) {
    AttributeValue current = item.get(attribute());
    for (int i = 1; i < elements.size() && current != null; i++) {
      current = step(current, elements.get(i));
    }
    return Optional.ofNullable(current);
  }

  static AttributeValue step(AttributeValue current, Object element) {
    if (element instanceof String key) {
      return current instanceof AttributeValue.M m ? m.values().get(key) : null;
    }
    int index = (Integer) element;
    if (current instanceof AttributeValue.L l && index < l.values().size()) {
      return l.values().get(index);
    }
    return null;
  }

  /** True when this path equals the other or is a prefix of it. */
  boolean isPrefixOf(Path other) {
    return other.elements.size() >= elements.size() && other.elements.subList(0, elements.size()).equals(elements);
  }

  Path parent() {
    return new Path(elements.subList(0, elements.size() - 1));
  }

  /** The path as an expression would write it: a.b[2].c (names are not escaped). */
  public String text() {
    StringBuilder sb = new StringBuilder();
    for (Object e : elements) {
      if (e instanceof Integer i) {
        sb.append('[').append(i).append(']');
      } else {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(e);
      }
    }
    return sb.toString();
  }

  /** The form DynamoDB's messages use: [a, b, [2]]. */
  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    for (Object e : elements) {
      parts.add(e instanceof Integer i ? "[" + i + "]" : (String) e);
    }
    return "[" + String.join(", ", parts) + "]";
  }
}
