package org.labvault.local.sns;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parameters of one query-protocol request ({@code Action=Publish&TopicArn=...}, form-encoded),
 * with the readers for its flattened structures: maps as {@code Name.entry.N.key/value} and lists
 * as {@code Name.member.N...}, numbered from 1.
 */
public final class QueryRequest {

  private final Map<String, String> parameters;

  QueryRequest(Map<String, String> parameters) {
    this.parameters = Map.copyOf(parameters);
  }

  /** Parses {@code a=1&b=x%20y}; the last of repeated names wins. */
  public static QueryRequest parse(String form) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (form != null && !form.isEmpty()) {
      for (String pair : form.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        parameters.put(name, value);
      }
    }
    return new QueryRequest(parameters);
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw SnsError.invalidParameter("malformed form encoding: " + s);
    }
  }

  public String action() {
    return parameters.get("Action");
  }

  /** The value, or null. */
  public String get(String name) {
    return parameters.get(name);
  }

  /** The value; a missing one is SNS's validation error naming it. */
  public String required(String name) {
    String value = parameters.get(name);
    if (value == null) {
      throw SnsError.missing(Character.toLowerCase(name.charAt(0)) + name.substring(1));
    }
    return value;
  }

  /** A string map: {@code prefix.entry.N.key} and {@code prefix.entry.N.value}. */
  public Map<String, String> map(String prefix) {
    Map<String, String> out = new LinkedHashMap<>();
    for (QueryRequest entry : numbered(prefix + ".entry.")) {
      String key = entry.get("key");
      if (key == null) {
        throw SnsError.invalidParameter(prefix + ": an entry has no key");
      }
      out.put(key, entry.get("value") == null ? "" : entry.get("value"));
    }
    return out;
  }

  /** Message attributes: {@code prefix.entry.N.Name}, {@code .Value.DataType}, {@code .Value.StringValue}, {@code .Value.BinaryValue}. */
  public Map<String, MessageAttribute> messageAttributes(String prefix) {
    Map<String, MessageAttribute> out = new LinkedHashMap<>();
    for (QueryRequest entry : numbered(prefix + ".entry.")) {
      String name = entry.get("Name");
      out.put(name, MessageAttribute.checked(name, entry.get("Value.DataType"), entry.get("Value.StringValue"),
          entry.get("Value.BinaryValue")));
    }
    return out;
  }

  /** The members of a list, {@code prefix.member.N.*}, each as a request of its own fields. */
  public List<QueryRequest> members(String prefix) {
    return numbered(prefix + ".member.");
  }

  /** The groups {@code <prefix>N.rest}, by N, each with its {@code rest} names. */
  private List<QueryRequest> numbered(String prefix) {
    TreeMap<Integer, Map<String, String>> groups = new TreeMap<>();
    parameters.forEach((name, value) -> {
      if (!name.startsWith(prefix)) {
        return;
      }
      String rest = name.substring(prefix.length());
      int dot = rest.indexOf('.');
      String index = dot < 0 ? rest : rest.substring(0, dot);
      try {
        int n = Integer.parseInt(index);
        groups.computeIfAbsent(n, k -> new LinkedHashMap<>()).put(dot < 0 ? "" : rest.substring(dot + 1), value);
      } catch (NumberFormatException e) {
        throw SnsError.invalidParameter(name + " is not numbered");
      }
    });
    List<QueryRequest> out = new ArrayList<>();
    groups.values().forEach(fields -> out.add(new QueryRequest(fields)));
    return out;
  }
}
