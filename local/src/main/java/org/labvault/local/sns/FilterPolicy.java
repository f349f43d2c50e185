package org.labvault.local.sns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.labvault.shared.json.Json;

/**
 * An SNS subscription filter policy: which messages a subscription receives. Keys are ANDed,
 * the values listed for one key are ORed, {@code $or} ORs whole sub-policies. A value is an exact
 * string or number, or one operator: {@code prefix}, {@code suffix}, {@code equals-ignore-case},
 * {@code anything-but} (values, or a prefix or suffix), {@code numeric} (exact or a range) or
 * {@code exists}. With scope MessageAttributes the keys are attribute names (a String.Array
 * attribute matches when one of its elements does); with scope MessageBody the keys are paths into
 * the JSON body, nested as objects.
 */
public final class FilterPolicy {

  /** Where the policy looks. */
  public enum Scope {
    MESSAGE_ATTRIBUTES("MessageAttributes"),
    MESSAGE_BODY("MessageBody");

    private final String wireName;

    Scope(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }

    /** @throws IllegalArgumentException for any other name */
    public static Scope of(String name) {
      for (Scope scope : values()) {
        if (scope.wireName.equals(name)) {
          return scope;
        }
      }
      throw new IllegalArgumentException("FilterPolicyScope must be MessageAttributes or MessageBody, not " + name);
    }
  }

  /** SNS's limit on the combinations of values a policy may describe. */
  static final int MAX_COMBINATIONS = 150;
  /** SNS's limit on the keys a policy names. */
  static final int MAX_KEYS = 5;
  private static final Set<String> NUMERIC_OPERATORS = Set.of("=", "<", "<=", ">", ">=");

  private final ObjectNode root;

  private FilterPolicy(ObjectNode root) {
    this.root = root;
  }

  /**
   * Reads a policy.
   *
   * @throws IllegalArgumentException saying what is wrong with it, as SNS would refuse it
   */
  public static FilterPolicy parse(String json) {
    JsonNode tree;
    try {
      tree = Json.instance().mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Filter policy is not valid JSON");
    }
    if (tree == null || !tree.isObject()) {
      throw new IllegalArgumentException("Filter policy must be a JSON object");
    }
    if (tree.isEmpty()) {
      throw new IllegalArgumentException("Filter policy can not be empty");
    }
    ObjectNode root = object(tree);
    if (root.keyCount() > MAX_KEYS) {
      throw new IllegalArgumentException("Filter policy can not have more than " + MAX_KEYS + " keys");
    }
    if (root.combinations() > MAX_COMBINATIONS) {
      throw new IllegalArgumentException("Filter policy is too complex: more than " + MAX_COMBINATIONS
          + " combinations of values");
    }
    return new FilterPolicy(root);
  }

  /** Whether a message with these attributes passes (scope MessageAttributes). */
  public boolean matchesAttributes(Map<String, MessageAttribute> attributes) {
    return root.matches(key -> {
      MessageAttribute attribute = attributes.get(key);
      return attribute == null ? null : Values.of(attribute);
    });
  }

  /** Whether a message with this body passes (scope MessageBody); a body that is not a JSON object never does. */
  public boolean matchesBody(String body) {
    JsonNode tree;
    try {
      tree = Json.instance().mapper().readTree(body);
    } catch (JsonProcessingException e) {
      return false;
    }
    return tree != null && tree.isObject() && root.matches(new BodyLookup(tree));
  }

  // ---- the policy tree

  /** What a key names in the message: its values, or null when the message lacks it. */
  interface Lookup {
    Values values(String key);

    /** The lookup below {@code key}, for a nested policy (body scope only). */
    default Lookup nested(String key) {
      return k -> null;
    }
  }

  record BodyLookup(JsonNode node) implements Lookup {
    @Override
    public Values values(String key) {
      JsonNode value = node.get(key);
      return value == null ? null : Values.of(value);
    }

    @Override
    public Lookup nested(String key) {
      JsonNode value = node.get(key);
      return value != null && value.isObject() ? new BodyLookup(value) : k -> null;
    }
  }

  private sealed interface Node {
    long combinations();

    /** The keys it names: leaves, counting one $or alternative (the largest). */
    int keyCount();
  }

  /** Every key must match, and one of the {@code $or} alternatives when there are some. */
  private record ObjectNode(Map<String, Node> keys, List<ObjectNode> alternatives) implements Node {
    boolean matches(Lookup lookup) {
      for (Map.Entry<String, Node> key : keys.entrySet()) {
        boolean ok = switch (key.getValue()) {
          case Leaf leaf -> leaf.matches(lookup.values(key.getKey()));
          case ObjectNode nested -> nested.matches(lookup.nested(key.getKey()));
        };
        if (!ok) {
          return false;
        }
      }
      return alternatives.isEmpty() || alternatives.stream().anyMatch(a -> a.matches(lookup));
    }

    @Override
    public long combinations() {
      long product = 1;
      for (Node n : keys.values()) {
        product *= n.combinations();
      }
      long alternativeSum = alternatives.stream().mapToLong(Node::combinations).sum();
      return alternatives.isEmpty() ? product : product * alternativeSum;
    }

    @Override
    public int keyCount() {
      return keys.values().stream().mapToInt(Node::keyCount).sum() + alternatives.stream().mapToInt(Node::keyCount).max().orElse(0);
    }
  }

  /** One key's conditions: one of them must hold. */
  private record Leaf(List<Condition> conditions) implements Node {
    boolean matches(Values values) {
      return conditions.stream().anyMatch(c -> c.matches(values));
    }

    @Override
    public long combinations() {
      return conditions.size();
    }

    @Override
    public int keyCount() {
      return 1;
    }
  }

  private static ObjectNode object(JsonNode tree) {
    Map<String, Node> keys = new java.util.LinkedHashMap<>();
    List<ObjectNode> alternatives = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : tree.properties()) {
      String key = field.getKey();
      JsonNode value = field.getValue();
      if (key.equals("$or")) {
        if (!value.isArray() || value.size() < 2) {
          throw new IllegalArgumentException("\"$or\" takes an array of at least two filter policies");
        }
        for (JsonNode alternative : value) {
          if (!alternative.isObject() || alternative.isEmpty()) {
            throw new IllegalArgumentException("each \"$or\" alternative must be a non-empty JSON object");
          }
          alternatives.add(object(alternative));
        }
      } else if (value.isObject()) {
        if (value.isEmpty()) {
          throw new IllegalArgumentException("\"" + key + "\" must not be an empty object");
        }
        keys.put(key, object(value));
      } else if (value.isArray()) {
        if (value.isEmpty()) {
          throw new IllegalArgumentException("Empty arrays are not allowed (\"" + key + "\")");
        }
        List<Condition> conditions = new ArrayList<>();
        for (JsonNode element : value) {
          conditions.add(Condition.of(key, element));
        }
        keys.put(key, new Leaf(conditions));
      } else {
        throw new IllegalArgumentException("\"" + key + "\" must be an object or an array");
      }
    }
    return new ObjectNode(keys, alternatives);
  }

  // ---- values and conditions

  /** A key's values in a message: one, or several for an array (any of them may match). */
  record Values(List<Object> items) {
    static Values of(MessageAttribute attribute) {
      return switch (attribute.dataType()) {
        case "Number" -> new Values(List.of(new BigDecimal(attribute.stringValue().strip())));
        case "String.Array" -> of(attribute.arrayValue());
        case "Binary" -> new Values(List.of()); // present, but no filter compares binary values
        default -> new Values(List.of(attribute.stringValue()));
      };
    }

    static Values of(JsonNode node) {
      List<Object> items = new ArrayList<>();
      if (node.isArray()) {
        node.forEach(element -> items.add(scalar(element)));
      } else {
        items.add(scalar(node));
      }
      return new Values(items);
    }

    private static Object scalar(JsonNode node) {
      if (node.isNumber()) {
        return node.decimalValue();
      }
      if (node.isTextual()) {
        return node.textValue();
      }
      if (node.isBoolean()) {
        return node.booleanValue();
      }
      if (node.isNull()) {
        return JsonNull.INSTANCE;
      }
      return node; // an object inside an array: matches nothing
    }
  }

  /** JSON null, which a policy may ask for in a body. */
  enum JsonNull { INSTANCE }

  private sealed interface Condition {
    /** @param values the key's values, null when the message lacks the key */
    boolean matches(Values values);

    static Condition of(String key, JsonNode element) {
      if (element.isTextual()) {
        return new Exact(element.textValue());
      }
      if (element.isNumber()) {
        return new Exact(element.decimalValue());
      }
      if (element.isBoolean()) {
        return new Exact(element.booleanValue());
      }
      if (element.isNull()) {
        return new Exact(JsonNull.INSTANCE);
      }
      if (!element.isObject() || element.size() != 1) {
        throw new IllegalArgumentException("\"" + key + "\": a match condition is a value or an object with one operator");
      }
      Map.Entry<String, JsonNode> operator = element.properties().iterator().next();
      JsonNode operand = operator.getValue();
      return switch (operator.getKey()) {
        case "prefix" -> new Prefix(text(key, "prefix", operand));
        case "suffix" -> new Suffix(text(key, "suffix", operand));
        case "equals-ignore-case" -> new EqualsIgnoreCase(text(key, "equals-ignore-case", operand));
        case "exists" -> {
          if (!operand.isBoolean()) {
            throw new IllegalArgumentException("\"" + key + "\": exists match pattern must be either true or false.");
          }
          yield new Exists(operand.booleanValue());
        }
        case "numeric" -> Numeric.of(key, operand);
        case "anything-but" -> AnythingBut.of(key, operand);
        default -> throw new IllegalArgumentException("\"" + key + "\": Unrecognized match type " + operator.getKey());
      };
    }

    private static String text(String key, String operator, JsonNode operand) {
      if (!operand.isTextual()) {
        throw new IllegalArgumentException("\"" + key + "\": " + operator + " match pattern must be a string");
      }
      return operand.textValue();
    }
  }

  private record Exact(Object expected) implements Condition {
    @Override
    public boolean matches(Values values) {
      return values != null && values.items().stream().anyMatch(v -> same(expected, v));
    }

    private static boolean same(Object expected, Object actual) {
      if (expected instanceof BigDecimal e && actual instanceof BigDecimal a) {
        return e.compareTo(a) == 0;
      }
      return expected.equals(actual);
    }
  }

  private record Prefix(String prefix) implements Condition {
    @Override
    public boolean matches(Values values) {
      return values != null && values.items().stream().anyMatch(v -> v instanceof String s && s.startsWith(prefix));
    }
  }

  private record Suffix(String suffix) implements Condition {
    @Override
    public boolean matches(Values values) {
      return values != null && values.items().stream().anyMatch(v -> v instanceof String s && s.endsWith(suffix));
    }
  }

  private record EqualsIgnoreCase(String expected) implements Condition {
    @Override
    public boolean matches(Values values) {
      return values != null && values.items().stream().anyMatch(v -> v instanceof String s && s.equalsIgnoreCase(expected));
    }
  }

  /** Only the key's presence counts: {@code exists: false} matches a message without it. */
  private record Exists(boolean present) implements Condition {
    @Override
    public boolean matches(Values values) {
      return (values != null) == present;
    }
  }

  /** {@code ["=", 5]}, {@code [">", 0]}, {@code [">=", 0, "<", 100]}: every comparison must hold. */
  private record Numeric(List<String> operators, List<BigDecimal> operands) implements Condition {
    static Numeric of(String key, JsonNode operand) {
      String bad = "\"" + key + "\": numeric match pattern must be [op, number] or [lower op, number, upper op, number]";
      if (!operand.isArray() || (operand.size() != 2 && operand.size() != 4)) {
        throw new IllegalArgumentException(bad);
      }
      List<String> operators = new ArrayList<>();
      List<BigDecimal> operands = new ArrayList<>();
      for (int i = 0; i < operand.size(); i += 2) {
        JsonNode op = operand.get(i);
        JsonNode number = operand.get(i + 1);
        if (!op.isTextual() || !NUMERIC_OPERATORS.contains(op.textValue()) || !number.isNumber()) {
          throw new IllegalArgumentException(bad);
        }
        operators.add(op.textValue());
        operands.add(number.decimalValue());
      }
      if (operators.size() == 2) {
        boolean range = operators.get(0).startsWith(">") && operators.get(1).startsWith("<");
        if (!range || operands.get(0).compareTo(operands.get(1)) >= 0) {
          throw new IllegalArgumentException("\"" + key + "\": a numeric range is [\">\" or \">=\", low, \"<\" or \"<=\", high]"
              + " with low below high");
        }
      }
      return new Numeric(List.copyOf(operators), List.copyOf(operands));
    }

    @Override
    public boolean matches(Values values) {
      return values != null && values.items().stream().anyMatch(v -> v instanceof BigDecimal n && holds(n));
    }

    private boolean holds(BigDecimal n) {
      for (int i = 0; i < operators.size(); i++) {
        int c = n.compareTo(operands.get(i));
        boolean ok = switch (operators.get(i)) {
          case "=" -> c == 0;
          case "<" -> c < 0;
          case "<=" -> c <= 0;
          case ">" -> c > 0;
          default -> c >= 0;
        };
        if (!ok) {
          return false;
        }
      }
      return true;
    }
  }

  /** Matches a present key with a value that is none of the listed ones (or lacks the prefix or suffix). */
  private record AnythingBut(List<Object> excluded, String prefix, String suffix) implements Condition {
    static AnythingBut of(String key, JsonNode operand) {
      if (operand.isObject()) {
        if (operand.size() == 1 && operand.has("prefix") && operand.get("prefix").isTextual()) {
          return new AnythingBut(List.of(), operand.get("prefix").textValue(), null);
        }
        if (operand.size() == 1 && operand.has("suffix") && operand.get("suffix").isTextual()) {
          return new AnythingBut(List.of(), null, operand.get("suffix").textValue());
        }
        throw new IllegalArgumentException("\"" + key + "\": anything-but takes values, or {\"prefix\": ...} or {\"suffix\": ...}");
      }
      List<Object> excluded = new ArrayList<>();
      for (JsonNode value : operand.isArray() ? operand : List.of(operand)) {
        if (value.isTextual()) {
          excluded.add(value.textValue());
        } else if (value.isNumber()) {
          excluded.add(value.decimalValue());
        } else {
          throw new IllegalArgumentException("\"" + key + "\": anything-but values must be strings or numbers");
        }
      }
      if (excluded.isEmpty()) {
        throw new IllegalArgumentException("\"" + key + "\": anything-but needs at least one value");
      }
      return new AnythingBut(List.copyOf(excluded), null, null);
    }

    @Override
    public boolean matches(Values values) {
      return values != null && values.items().stream().anyMatch(this::allowed);
    }

    private boolean allowed(Object value) {
      if (prefix != null) {
        return value instanceof String s && !s.startsWith(prefix);
      }
      if (suffix != null) {
        return value instanceof String s && !s.endsWith(suffix);
      }
      return excluded.stream().noneMatch(e -> Exact.same(e, value));
    }
  }
}
