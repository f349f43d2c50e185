package org.labvault.dynamodb.partiql;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.labvault.dynamodb.DynamoDbException;
import org.labvault.dynamodb.partiql.Ast.Expr;
import org.labvault.dynamodb.table.KeySchema;
import org.labvault.dynamodb.value.AttributeValue;
import org.labvault.dynamodb.value.AttributeValueJson;

/**
 * Writes PartiQL conditions and SET/REMOVE actions as DynamoDB expressions (condition, filter,
 * key condition, update) with generated {@code #n} names and {@code :v} values, so the item
 * operations evaluate them exactly as they evaluate their own expressions.
 */
final class Translation {

  private final Map<String, String> nameRefs = new LinkedHashMap<>();
  private final Map<String, String> names = new LinkedHashMap<>();
  private final Map<String, AttributeValue> values = new LinkedHashMap<>();

  static DynamoDbException unsupported(String what) {
    return DynamoDbException.validation("Unsupported operation: " + what);
  }

  // ---- placeholders ------------------------------------------------------------------------

  String name(String attribute) {
    return nameRefs.computeIfAbsent(attribute, a -> {
      String ref = "#n" + nameRefs.size();
      names.put(ref, a);
      return ref;
    });
  }

  String value(AttributeValue v) {
    String ref = ":v" + values.size();
    values.put(ref, v);
    return ref;
  }

  String path(Ast.PathRef p) {
    StringBuilder sb = new StringBuilder();
    for (Object e : p.elements()) {
      if (e instanceof Integer i) {
        sb.append('[').append(i).append(']');
      } else {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(name((String) e));
      }
    }
    return sb.toString();
  }

  /** The names and values as an expression context, for conditions evaluated here rather than by an operation. */
  org.labvault.dynamodb.expr.ExpressionContext context() {
    return new org.labvault.dynamodb.expr.ExpressionContext(names.isEmpty() ? null : names,
        values.isEmpty() ? null : values);
  }

  /** Adds ExpressionAttributeNames and ExpressionAttributeValues to a request, when there are any. */
  void addTo(ObjectNode request) {
    if (!names.isEmpty()) {
      ObjectNode n = request.putObject("ExpressionAttributeNames");
      names.forEach(n::put);
    }
    if (!values.isEmpty()) {
      request.set("ExpressionAttributeValues", AttributeValueJson.writeItem(values));
    }
  }

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  // ---- conditions --------------------------------------------------------------------------

  String condition(Expr e) {
    return switch (e) {
      case Ast.And a -> "(" + condition(a.left()) + ") AND (" + condition(a.right()) + ")";
      case Ast.Or o -> "(" + condition(o.left()) + ") OR (" + condition(o.right()) + ")";
      case Ast.Not n -> "NOT (" + condition(n.inner()) + ")";
      case Ast.Compare c -> operand(c.left()) + " " + c.op() + " " + operand(c.right());
      case Ast.Between b -> operand(b.operand()) + " BETWEEN " + operand(b.lower()) + " AND " + operand(b.upper());
      case Ast.In in -> {
        List<String> candidates = new ArrayList<>();
        in.candidates().forEach(c -> candidates.add(operand(c)));
        yield operand(in.operand()) + " IN (" + String.join(", ", candidates) + ")";
      }
      case Ast.Is is -> {
        String p = pathOf(is.operand(), "IS");
        if (is.missing()) {
          yield (is.negated() ? "attribute_exists(" : "attribute_not_exists(") + p + ")";
        }
        // MISSING IS NULL in PartiQL: a missing attribute is null too
        String nullType = value(new AttributeValue.S("NULL"));
        yield is.negated()
            ? "(attribute_exists(" + p + ") AND NOT attribute_type(" + p + ", " + nullType + "))"
            : "(attribute_not_exists(" + p + ") OR attribute_type(" + p + ", " + nullType + "))";
      }
      case Ast.Call call -> function(call);
      case Ast.PathRef p -> throw unsupported("a path is not a condition: " + p.elements());
      case Ast.Literal l -> throw unsupported("a value is not a condition");
      case Ast.Arith a -> throw unsupported("arithmetic in a condition");
    };
  }

  private String function(Ast.Call call) {
    List<Expr> args = call.args();
    switch (call.name()) {
      case "begins_with", "contains" -> {
        arity(call, 2);
        return call.name() + "(" + operand(args.get(0)) + ", " + operand(args.get(1)) + ")";
      }
      case "attribute_type" -> {
        arity(call, 2);
        return "attribute_type(" + pathOf(args.get(0), call.name()) + ", " + operand(args.get(1)) + ")";
      }
      case "exists" -> {
        arity(call, 1);
        return "attribute_exists(" + pathOf(args.get(0), call.name()) + ")";
      }
      case "missing" -> {
        arity(call, 1);
        return "attribute_not_exists(" + pathOf(args.get(0), call.name()) + ")";
      }
      default -> throw DynamoDbException.validation("Unsupported function in condition: " + call.name());
    }
  }

  private static void arity(Ast.Call call, int n) {
    if (call.args().size() != n) {
      throw DynamoDbException.validation("Incorrect number of arguments for function " + call.name()
          + ": expected " + n + ", got " + call.args().size());
    }
  }

  private String pathOf(Expr e, String where) {
    if (e instanceof Ast.PathRef p) {
      return path(p);
    }
    throw DynamoDbException.validation("Unsupported operation: " + where + " needs an attribute path");
  }

  String operand(Expr e) {
    return switch (e) {
      case Ast.PathRef p -> path(p);
      case Ast.Literal l -> value(l.value());
      case Ast.Call c when c.name().equals("size") -> {
        arity(c, 1);
        yield "size(" + pathOf(c.args().get(0), "size") + ")";
      }
      default -> throw unsupported("this operand is not supported here");
    };
  }

  // ---- SET and REMOVE ----------------------------------------------------------------------

  /** The UpdateExpression of an UPDATE's actions. */
  String update(List<Ast.Action> actions) {
    List<String> sets = new ArrayList<>();
    List<String> removes = new ArrayList<>();
    List<String> adds = new ArrayList<>();
    List<String> deletes = new ArrayList<>();
    for (Ast.Action a : actions) {
      switch (a) {
        case Ast.Remove r -> removes.add(path(r.path()));
        case Ast.Assign s -> {
          if (s.value() instanceof Ast.Call c && (c.name().equals("set_add") || c.name().equals("set_delete"))) {
            arity(c, 2);
            if (!(c.args().get(0) instanceof Ast.PathRef first) || !first.equals(s.path())) {
              throw DynamoDbException.validation("Unsupported operation: " + c.name()
                  + " must name the attribute it updates as its first argument");
            }
            if (!(c.args().get(1) instanceof Ast.Literal l) || !l.value().isSet()) {
              throw DynamoDbException.validation("Unsupported operation: the second argument of " + c.name()
                  + " must be a set");
            }
            (c.name().equals("set_add") ? adds : deletes).add(path(s.path()) + " " + value(l.value()));
          } else {
            sets.add(path(s.path()) + " = " + updateValue(s.value()));
          }
        }
      }
    }
    StringBuilder sb = new StringBuilder();
    clause(sb, "SET", sets);
    clause(sb, "REMOVE", removes);
    clause(sb, "ADD", adds);
    clause(sb, "DELETE", deletes);
    return sb.toString();
  }

  private static void clause(StringBuilder sb, String keyword, List<String> parts) {
    if (!parts.isEmpty()) {
      if (!sb.isEmpty()) {
        sb.append(' ');
      }
      sb.append(keyword).append(' ').append(String.join(", ", parts));
    }
  }

  private String updateValue(Expr e) {
    return switch (e) {
      case Ast.Arith a -> updateValue(a.left()) + " " + a.op() + " " + updateValue(a.right());
      case Ast.Call c when c.name().equals("list_append") -> {
        arity(c, 2);
        yield "list_append(" + updateValue(c.args().get(0)) + ", " + updateValue(c.args().get(1)) + ")";
      }
      case Ast.Call c when c.name().equals("if_not_exists") -> {
        arity(c, 2);
        yield "if_not_exists(" + pathOf(c.args().get(0), c.name()) + ", " + updateValue(c.args().get(1)) + ")";
      }
      case Ast.Call c -> throw DynamoDbException.validation("Unsupported function in SET: " + c.name());
      case Ast.PathRef p -> path(p);
      case Ast.Literal l -> value(l.value());
      default -> throw unsupported("this value is not supported in SET");
    };
  }

  // ---- keys --------------------------------------------------------------------------------

  /** A WHERE clause split into equalities on key attributes and the rest. */
  record KeySplit(Map<String, AttributeValue> equalities, List<Expr> rest) {

    /** The full primary key, or null when the WHERE clause does not fix every key attribute by equality. */
    Map<String, AttributeValue> key(KeySchema schema) {
      Map<String, AttributeValue> key = new LinkedHashMap<>();
      for (String name : schema.hasRange() ? List.of(schema.hash(), schema.range()) : List.of(schema.hash())) {
        AttributeValue v = equalities.get(name);
        if (v == null) {
          return null;
        }
        key.put(name, v);
      }
      return key;
    }

    /** The remaining conjuncts, without the equalities on {@code used}, joined with AND; null when none. */
    Expr restWithout(java.util.Set<String> used) {
      Expr out = null;
      for (Expr e : rest) {
        out = out == null ? e : new Ast.And(out, e);
      }
      for (Map.Entry<String, AttributeValue> e : equalities.entrySet()) {
        if (!used.contains(e.getKey())) {
          Expr eq = new Ast.Compare("=", new Ast.PathRef(List.of(e.getKey())), new Ast.Literal(e.getValue()));
          out = out == null ? eq : new Ast.And(out, eq);
        }
      }
      return out;
    }
  }

  /** Splits a WHERE clause's top-level conjunction into attribute = value equalities and the rest. */
  static KeySplit split(Expr where) {
    List<Expr> parts = new ArrayList<>();
    flatten(where, parts);
    Map<String, AttributeValue> equalities = new LinkedHashMap<>();
    List<Expr> rest = new ArrayList<>();
    for (Expr part : parts) {
      if (part instanceof Ast.Compare c && c.op().equals("=")) {
        Ast.PathRef p = c.left() instanceof Ast.PathRef l ? l : c.right() instanceof Ast.PathRef r ? r : null;
        Ast.Literal v = c.right() instanceof Ast.Literal l ? l : c.left() instanceof Ast.Literal r ? r : null;
        if (p != null && v != null && p.isTopLevel() && !equalities.containsKey(p.attribute())) {
          equalities.put(p.attribute(), v.value());
          continue;
        }
      }
      rest.add(part);
    }
    return new KeySplit(equalities, rest);
  }

  private static void flatten(Expr e, List<Expr> out) {
    if (e == null) {
      return;
    }
    if (e instanceof Ast.And a) {
      flatten(a.left(), out);
      flatten(a.right(), out);
    } else {
      out.add(e);
    }
  }
}
