package org.labvault.dynamodb.expr;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.labvault.dynamodb.DynamoDbException;
import org.labvault.dynamodb.value.AttributeValue;

/**
 * The ExpressionAttributeNames and ExpressionAttributeValues of one request. Every expression of the
 * request resolves its {@code #name} and {@code :value} references here; afterwards {@link #requireAllUsed()}
 * refuses substitutions no expression referred to.
 */
public final class ExpressionContext {

  private final Map<String, String> names;
  private final Map<String, AttributeValue> values;
  private final Set<String> usedNames = new HashSet<>();
  private final Set<String> usedValues = new HashSet<>();

  /** Either map may be null when the request did not supply it; an empty map is an error. */
  public ExpressionContext(Map<String, String> names, Map<String, AttributeValue> values) {
    if (names != null && names.isEmpty()) {
      throw DynamoDbException.validation("ExpressionAttributeNames must not be empty");
    }
    if (values != null && values.isEmpty()) {
      throw DynamoDbException.validation("ExpressionAttributeValues must not be empty");
    }
    if (names != null) {
      for (String key : names.keySet()) {
        if (!validKey(key, '#')) {
          throw DynamoDbException.validation(
              "ExpressionAttributeNames contains invalid key: Syntax error; key: \"" + key + "\"");
        }
      }
    }
    if (values != null) {
      for (String key : values.keySet()) {
        if (!validKey(key, ':')) {
          throw DynamoDbException.validation(
              "ExpressionAttributeValues contains invalid key: Syntax error; key: \"" + key + "\"");
        }
      }
    }
    this.names = names == null ? null : new LinkedHashMap<>(names);
    this.values = values == null ? null : new LinkedHashMap<>(values);
  }

  private static boolean validKey(String key, char prefix) {
    if (key.length() < 2 || key.charAt(0) != prefix) {
      return false;
    }
    for (int i = 1; i < key.length(); i++) {
      char c = key.charAt(i);
      if (!(Character.isLetterOrDigit(c) && c < 128) && c != '_') {
        return false;
      }
    }
    return true;
  }

  /** A context without substitutions. */
  public static ExpressionContext empty() {
    return new ExpressionContext(null, null);
  }

  String name(String reference, Kind kind) {
    String name = names == null ? null : names.get(reference);
    if (name == null) {
      throw Errors.invalid(kind,
          "An expression attribute name used in the document path is not defined; attribute name: " + reference);
    }
    usedNames.add(reference);
    return name;
  }

  AttributeValue value(String reference, Kind kind) {
    AttributeValue value = values == null ? null : values.get(reference);
    if (value == null) {
      throw Errors.invalid(kind,
          "An expression attribute value used in expression is not defined; attribute value: " + reference);
    }
    usedValues.add(reference);
    return value;
  }

  /** To be called after every expression of the request was parsed: unused substitutions are errors. */
  public void requireAllUsed() {
    if (names != null) {
      List<String> unused = new ArrayList<>();
      for (String k : names.keySet()) {
        if (!usedNames.contains(k)) {
          unused.add(k);
        }
      }
      if (!unused.isEmpty()) {
        throw DynamoDbException.validation(
            "Value provided in ExpressionAttributeNames unused in expressions: keys: {" + String.join(", ", unused) + "}");
      }
    }
    if (values != null) {
      List<String> unused = new ArrayList<>();
      for (String k : values.keySet()) {
        if (!usedValues.contains(k)) {
          unused.add(k);
        }
      }
      if (!unused.isEmpty()) {
        throw DynamoDbException.validation(
            "Value provided in ExpressionAttributeValues unused in expressions: keys: {" + String.join(", ", unused) + "}");
      }
    }
  }
}
