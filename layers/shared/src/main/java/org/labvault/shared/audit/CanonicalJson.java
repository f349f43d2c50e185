package org.labvault.shared.audit;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Canonical JSON in the manner of RFC 8785 (JCS), for what audit records and digests hold: objects,
 * arrays, strings, whole numbers and null. Keys are sorted by UTF-16 code units (Java's {@link String#compareTo}),
 * nothing is indented, and strings are escaped exactly as JCS does: {@code \b \t \n \f \r},
 * {@code \"} and {@code \\}, other control characters as lowercase {@code \\u} escapes ({@code 00hh}), everything else
 * as it is. One deliberate difference: a lone surrogate (which JCS refuses) is written as a
 * lowercase backslash-u escape, so that no request text can make a record impossible to chain.
 */
public final class CanonicalJson {

  private CanonicalJson() {}

  /** The canonical form's UTF-8 bytes, what hashes are computed over. */
  public static byte[] bytes(Map<String, ?> object) {
    return write(object).getBytes(StandardCharsets.UTF_8);
  }

  public static String write(Map<String, ?> object) {
    StringBuilder out = new StringBuilder(256);
    value(object, out);
    return out.toString();
  }

  private static void value(Object value, StringBuilder out) {
    switch (value) {
      case null -> out.append("null");
      case String s -> string(s, out);
      case Integer n -> out.append(n.intValue());
      case Long n -> out.append(n.longValue());
      case Boolean b -> out.append(b.booleanValue());
      case Map<?, ?> map -> object(map, out);
      case List<?> list -> array(list, out);
      default -> throw new IllegalArgumentException("not a canonical JSON value: " + value.getClass().getSimpleName());
    }
  }

  /** Elements keep their order: in a signed digest, the order of the chain heads is part of what is signed. */
  private static void array(List<?> list, StringBuilder out) {
    out.append('[');
    for (int i = 0; i < list.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      value(list.get(i), out);
    }
    out.append(']');
  }

  private static void object(Map<?, ?> map, StringBuilder out) {
    TreeMap<String, Object> sorted = new TreeMap<>();
    map.forEach((k, v) -> sorted.put((String) k, v));
    out.append('{');
    boolean first = true;
    for (var entry : sorted.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      string(entry.getKey(), out);
      out.append(':');
      value(entry.getValue(), out);
    }
    out.append('}');
  }

  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\f' -> out.append("\\f");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20 || isLoneSurrogate(s, i)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static boolean isLoneSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
    }
    return false;
  }
}
