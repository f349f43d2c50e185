package org.labvault.local.iot.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An IoT Core policy document ({@code Version}, {@code Statement}s with {@code Effect},
 * {@code Action}, {@code Resource} and {@code Condition}), checked once when it is read: whatever
 * the local broker could not evaluate as IoT Core does (NotAction, NotResource, an unknown
 * condition operator or policy variable) is refused here, with the construct named.
 */
public record PolicyDocument(List<Statement> statements) {

  /** The policy variables the local broker resolves (also usable as condition keys). */
  public static final Set<String> VARIABLES =
      Set.of(Variables.CLIENT_ID, Variables.THING_NAME, Variables.THING_IS_ATTACHED);

  private static final Set<String> DOCUMENT_KEYS = Set.of("Version", "Statement", "Id");
  private static final Set<String> STATEMENT_KEYS = Set.of("Sid", "Effect", "Action", "Resource", "Condition");

  public enum Effect { ALLOW, DENY }

  /**
   * One statement.
   *
   * @param actions as written, e.g. {@code iot:Publish} or {@code iot:*}
   * @param resources ARN patterns with {@code *}/{@code ?} and policy variables
   */
  public record Statement(Effect effect, List<String> actions, List<ArnPattern> resources, List<Condition> conditions) {}

  /**
   * One operator and key of a {@code Condition} block; a request must match one of its values.
   *
   * @param operator {@code Bool}, {@code StringEquals}, {@code StringNotEquals}, {@code StringLike}
   *     or {@code StringNotLike}
   */
  public record Condition(String operator, String key, List<ArnPattern> values) {}

  static final Set<String> OPERATORS = Set.of("Bool", "StringEquals", "StringNotEquals", "StringLike", "StringNotLike");

  public PolicyDocument {
    statements = List.copyOf(statements);
  }

  /**
   * Reads a document as the template (or AttachPolicy's caller) gives it.
   *
   * @throws IllegalArgumentException naming what is malformed or not evaluated locally
   */
  public static PolicyDocument parse(Map<String, Object> document) {
    unknownKeys("the policy document", document, DOCUMENT_KEYS);
    Object statementValue = document.get("Statement");
    if (statementValue == null) {
      throw new IllegalArgumentException("the policy document has no Statement");
    }
    List<Statement> statements = new ArrayList<>();
    List<?> raw = statementValue instanceof List<?> l ? l : List.of(statementValue);
    for (int i = 0; i < raw.size(); i++) {
      statements.add(statement(raw.get(i), "Statement[" + i + "]"));
    }
    return new PolicyDocument(statements);
  }

  @SuppressWarnings("unchecked")
  private static Statement statement(Object value, String where) {
    if (!(value instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(where + " must be an object");
    }
    Map<String, Object> statement = (Map<String, Object>) map;
    unknownKeys(where, statement, STATEMENT_KEYS);
    Effect effect = switch (String.valueOf(statement.get("Effect"))) {
      case "Allow" -> Effect.ALLOW;
      case "Deny" -> Effect.DENY;
      default -> throw new IllegalArgumentException(where + ".Effect must be Allow or Deny");
    };
    List<String> actions = strings(statement.get("Action"), where + ".Action");
    for (String action : actions) {
      if (!action.equals("*") && !action.regionMatches(true, 0, "iot:", 0, 4)) {
        throw new IllegalArgumentException(where + ".Action " + action + " is not an IoT action");
      }
    }
    List<ArnPattern> resources = strings(statement.get("Resource"), where + ".Resource").stream()
        .map(r -> ArnPattern.of(r, where + ".Resource"))
        .toList();
    List<Condition> conditions = new ArrayList<>();
    Object conditionValue = statement.get("Condition");
    if (conditionValue != null) {
      if (!(conditionValue instanceof Map<?, ?> block)) {
        throw new IllegalArgumentException(where + ".Condition must be an object");
      }
      block.forEach((operator, keys) -> {
        String at = where + ".Condition." + operator;
        if (!OPERATORS.contains(String.valueOf(operator))) {
          throw new IllegalArgumentException(at + ": the condition operator " + operator
              + " is not supported by the local stack (" + String.join(", ", OPERATORS.stream().sorted().toList()) + ")");
        }
        if (!(keys instanceof Map<?, ?> keyMap)) {
          throw new IllegalArgumentException(at + " must map condition keys to values");
        }
        keyMap.forEach((key, values) -> {
          if (!VARIABLES.contains(String.valueOf(key))) {
            throw new IllegalArgumentException(at + ": the condition key " + key + " is not supported by the local stack");
          }
          conditions.add(new Condition(String.valueOf(operator), String.valueOf(key),
              strings(values, at + "." + key).stream().map(v -> ArnPattern.of(v, at + "." + key)).toList()));
        });
      });
    }
    return new Statement(effect, actions, resources, conditions);
  }

  private static List<String> strings(Object value, String where) {
    if (value instanceof String || value instanceof Boolean || value instanceof Number) {
      return List.of(String.valueOf(value));
    }
    if (value instanceof List<?> list && !list.isEmpty()) {
      return list.stream().map(v -> {
        if (v instanceof String || v instanceof Boolean || v instanceof Number) {
          return String.valueOf(v);
        }
        throw new IllegalArgumentException(where + " must hold strings, not " + v);
      }).toList();
    }
    throw new IllegalArgumentException(where + " must be a string or a list of strings");
  }

  private static void unknownKeys(String where, Map<String, Object> map, Set<String> known) {
    for (String key : map.keySet()) {
      if (!known.contains(key)) {
        throw new IllegalArgumentException(where + ": " + key + " is not supported by the local stack");
      }
    }
  }
}
