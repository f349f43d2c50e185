package org.labvault.dynamodb.expr;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.labvault.dynamodb.DynamoDbException;
import org.labvault.dynamodb.expr.Ast.Cond;
import org.labvault.dynamodb.expr.Ast.Operand;
import org.labvault.dynamodb.value.AttributeValue;
import org.labvault.dynamodb.value.AttributeValueJson;

/** The request shapes from before expressions existed, translated onto the same syntax tree. */
public final class Legacy {

  private Legacy() {}

  /** Expected + ConditionalOperator (AND when absent). */
  public static Condition expected(JsonNode expected, String conditionalOperator) {
    boolean or = conditionalOperator(conditionalOperator);
    List<Cond> parts = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      JsonNode spec = e.getValue();
      JsonNode value = present(spec, "Value");
      JsonNode exists = present(spec, "Exists");
      JsonNode operator = present(spec, "ComparisonOperator");
      JsonNode list = present(spec, "AttributeValueList");
      if (operator != null) {
        if (value != null || exists != null) {
          throw DynamoDbException.invalidParameter(
              "Value or Exists cannot be used with ComparisonOperator for Attribute: " + name);
        }
        parts.add(comparison(name, operator.asText(), list));
        continue;
      }
      if (list != null) {
        throw DynamoDbException.invalidParameter(
            "AttributeValueList can only be used with a ComparisonOperator for Attribute: " + name);
      }
      if (exists != null && !exists.asBoolean()) {
        if (value != null) {
          throw DynamoDbException.invalidParameter(
              "Cannot expect an attribute to have a specified value while expecting it to not exist");
        }
        parts.add(new Ast.Exists(Path.of(name), false));
      } else {
        if (value == null) {
          throw DynamoDbException.invalidParameter(exists == null
              ? "Value must be provided when Exists is null for Attribute: " + name
              : "Value must be provided when Exists is true for Attribute: " + name);
        }
        parts.add(new Ast.Compare(Ast.CompareOp.EQ, path(name), val(AttributeValueJson.read(value))));
      }
    }
    return combine(parts, or);
  }

  /** QueryFilter / ScanFilter: {attr: {ComparisonOperator, AttributeValueList}}. */
  public static Condition filter(JsonNode queryOrScanFilter, String conditionalOperator) {
    boolean or = conditionalOperator(conditionalOperator);
    List<Cond> parts = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = queryOrScanFilter.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode operator = present(e.getValue(), "ComparisonOperator");
      if (operator == null) {
        throw DynamoDbException.validation("1 validation error detected: Value null at 'comparisonOperator' "
            + "failed to satisfy constraint: Member must not be null");
      }
      parts.add(comparison(e.getKey(), operator.asText(), present(e.getValue(), "AttributeValueList")));
    }
    return combine(parts, or);
  }

  /** AttributeUpdates: {attr: {Action: PUT|ADD|DELETE, Value}}; PUT is the default. */
  public static Update attributeUpdates(JsonNode attributeUpdates) {
    List<Update.Action> actions = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = attributeUpdates.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      JsonNode actionNode = present(e.getValue(), "Action");
      JsonNode valueNode = present(e.getValue(), "Value");
      String action = actionNode == null ? "PUT" : actionNode.asText();
      AttributeValue value = valueNode == null ? null : AttributeValueJson.read(valueNode);
      Path path = Path.of(name);
      switch (action) {
        case "PUT" -> {
          if (value == null) {
            throw DynamoDbException.invalidParameter(
                "Only DELETE action is allowed when no attribute value is specified");
          }
          actions.add(new Update.Set(path, val(value)));
        }
        case "ADD" -> {
          if (value == null) {
            throw DynamoDbException.invalidParameter(
                "Only DELETE action is allowed when no attribute value is specified");
          }
          if (!(value instanceof AttributeValue.N || value.isSet() || value instanceof AttributeValue.L)) {
            throw DynamoDbException.invalidParameter("ADD action is not supported for the type " + value.type());
          }
          actions.add(new Update.Add(path, value, true));
        }
        case "DELETE" -> {
          if (value != null && !value.isSet()) {
            throw DynamoDbException.invalidParameter(
                "DELETE action with value is not supported for the type " + value.type());
          }
          actions.add(new Update.Delete(path, value, true));
        }
        default -> throw DynamoDbException.validation("1 validation error detected: Value '" + action
            + "' at 'attributeUpdates." + name + ".member.action' failed to satisfy constraint: "
            + "Member must satisfy enum value set: [ADD, PUT, DELETE]");
      }
    }
    return new Update(actions);
  }

  /** KeyConditions: {attr: {ComparisonOperator, AttributeValueList}} against the key schema. */
  public static KeyCondition keyConditions(JsonNode keyConditions, String hashKeyName, String rangeKeyName) {
    Map<String, RangeCondition> byName = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = keyConditions.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode operatorNode = present(e.getValue(), "ComparisonOperator");
      if (operatorNode == null) {
        throw DynamoDbException.validation("1 validation error detected: Value null at 'comparisonOperator' "
            + "failed to satisfy constraint: Member must not be null");
      }
      String operator = operatorNode.asText();
      List<AttributeValue> values = arguments(operator, present(e.getValue(), "AttributeValueList"));
      RangeCondition.Op op = switch (operator) {
        case "EQ" -> RangeCondition.Op.EQ;
        case "LT" -> RangeCondition.Op.LT;
        case "LE" -> RangeCondition.Op.LE;
        case "GT" -> RangeCondition.Op.GT;
        case "GE" -> RangeCondition.Op.GE;
        case "BETWEEN" -> RangeCondition.Op.BETWEEN;
        case "BEGINS_WITH" -> RangeCondition.Op.BEGINS_WITH;
        default -> throw DynamoDbException.validation(
            "Attempted conditional constraint is not an indexable operation");
      };
      byName.put(e.getKey(), new RangeCondition(op, values.get(0), values.size() > 1 ? values.get(1) : null));
    }
    return Expressions.keyCondition(byName, hashKeyName, rangeKeyName);
  }

  // ---------------------------------------------------------------- helpers

  private static JsonNode present(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() ? null : v;
  }

  private static boolean conditionalOperator(String operator) {
    if (operator == null || operator.equals("AND")) {
      return false;
    }
    if (operator.equals("OR")) {
      return true;
    }
    throw DynamoDbException.validation("1 validation error detected: Value '" + operator
        + "' at 'conditionalOperator' failed to satisfy constraint: Member must satisfy enum value set: [OR, AND]");
  }

  private static Condition combine(List<Cond> parts, boolean or) {
    if (parts.isEmpty()) {
      return item -> true;
    }
    Cond root = parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      root = or ? new Ast.Or(root, parts.get(i)) : new Ast.And(root, parts.get(i));
    }
    return new ParsedCondition(root);
  }

  private static Operand path(String name) {
    return new Ast.PathOp(Path.of(name));
  }

  private static Operand val(AttributeValue v) {
    return new Ast.ValueOp(v, null);
  }

  /** The argument list of a ComparisonOperator, checked for count and types. */
  private static List<AttributeValue> arguments(String operator, JsonNode list) {
    List<AttributeValue> values = new ArrayList<>();
    if (list != null) {
      for (JsonNode v : list) {
        values.add(AttributeValueJson.read(v));
      }
    }
    int n = values.size();
    boolean countOk = switch (operator) {
      case "EQ", "NE", "LE", "LT", "GE", "GT", "CONTAINS", "NOT_CONTAINS", "BEGINS_WITH" -> n == 1;
      case "NULL", "NOT_NULL" -> n == 0;
      case "BETWEEN" -> n == 2;
      case "IN" -> n >= 1;
      default -> throw DynamoDbException.validation("1 validation error detected: Value '" + operator
          + "' at 'comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: "
          + "[IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]");
    };
    if (!countOk) {
      throw DynamoDbException.invalidParameter("Invalid number of argument(s) for the " + operator + " ComparisonOperator");
    }
    for (AttributeValue v : values) {
      boolean typeOk = switch (operator) {
        case "LE", "LT", "GE", "GT", "IN", "BETWEEN", "CONTAINS", "NOT_CONTAINS" -> v.isKeyType();
        case "BEGINS_WITH" -> v instanceof AttributeValue.S || v instanceof AttributeValue.B;
        default -> true;
      };
      if (!typeOk) {
        throw DynamoDbException.invalidParameter(
            "ComparisonOperator " + operator + " is not valid for " + v.type() + " AttributeValue type");
      }
    }
    if (operator.equals("BETWEEN")) {
      if (!values.get(0).type().equals(values.get(1).type())) {
        throw DynamoDbException.invalidParameter("AttributeValues inside AttributeValueList must be of same type");
      }
      if (Eval.compare(values.get(0), values.get(1)) > 0) {
        throw DynamoDbException.invalidParameter(
            "The BETWEEN condition was provided a range where the lower bound is greater than the upper bound");
      }
    }
    return values;
  }

  private static Cond comparison(String name, String operator, JsonNode list) {
    List<AttributeValue> values = arguments(operator, list);
    Operand p = path(name);
    return switch (operator) {
      case "EQ" -> new Ast.Compare(Ast.CompareOp.EQ, p, val(values.get(0)));
      case "NE" -> new Ast.Compare(Ast.CompareOp.NE, p, val(values.get(0)));
      case "LE" -> new Ast.Compare(Ast.CompareOp.LE, p, val(values.get(0)));
      case "LT" -> new Ast.Compare(Ast.CompareOp.LT, p, val(values.get(0)));
      case "GE" -> new Ast.Compare(Ast.CompareOp.GE, p, val(values.get(0)));
      case "GT" -> new Ast.Compare(Ast.CompareOp.GT, p, val(values.get(0)));
      case "NULL" -> new Ast.Exists(Path.of(name), false);
      case "NOT_NULL" -> new Ast.Exists(Path.of(name), true);
      case "CONTAINS" -> new Ast.Contains(p, val(values.get(0)));
      case "NOT_CONTAINS" -> new Ast.And(new Ast.Exists(Path.of(name), true),
          new Ast.Not(new Ast.Contains(p, val(values.get(0)))));
      case "BEGINS_WITH" -> new Ast.BeginsWith(p, val(values.get(0)));
      case "IN" -> {
        List<Operand> candidates = new ArrayList<>();
        values.forEach(v -> candidates.add(val(v)));
        yield new Ast.In(p, candidates);
      }
      case "BETWEEN" -> new Ast.Between(p, val(values.get(0)), val(values.get(1)));
      default -> throw new IllegalStateException(operator);
    };
  }
}
