package org.labvault.dynamodb.expr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.labvault.dynamodb.DynamoDbException;
import org.labvault.dynamodb.expr.Ast.Cond;
import org.labvault.dynamodb.expr.Ast.Operand;
import org.labvault.dynamodb.value.AttributeValue;

/** Entry points: parse each kind of expression against the request's names and values. */
public final class Expressions {

  private Expressions() {}

  /** A ConditionExpression (kind CONDITION) or FilterExpression (kind FILTER). */
  public static Condition condition(String text, ExpressionContext ctx, Kind kind) {
    return new ParsedCondition(new Parser(text, ctx, kind).parseCondition());
  }

  public static Update update(String text, ExpressionContext ctx) {
    return new Update(new Parser(text, ctx, Kind.UPDATE).parseUpdate());
  }

  public static Projection projection(String text, ExpressionContext ctx) {
    return new Projection(new Parser(text, ctx, Kind.PROJECTION).parseProjection());
  }

  /** A KeyConditionExpression, checked against the key schema (rangeKeyName null for a hash-only key). */
  public static KeyCondition keyCondition(String text, ExpressionContext ctx, String hashKeyName, String rangeKeyName) {
    Cond root = new Parser(text, ctx, Kind.KEY_CONDITION).parseCondition();
    List<Cond> parts = new ArrayList<>();
    flattenAnd(root, parts);
    Map<String, RangeCondition> byName = new LinkedHashMap<>();
    for (Cond part : parts) {
      KeyPart kp = keyPart(part);
      if (byName.containsKey(kp.name)) {
        throw DynamoDbException.validation("KeyConditionExpressions must only contain one condition per key");
      }
      byName.put(kp.name, kp.condition);
    }
    return keyCondition(byName, hashKeyName, rangeKeyName);
  }

  /** The checks shared with the legacy KeyConditions. */
  static KeyCondition keyCondition(Map<String, RangeCondition> byName, String hashKeyName, String rangeKeyName) {
    RangeCondition hash = byName.get(hashKeyName);
    for (String name : byName.keySet()) {
      if (!name.equals(hashKeyName) && !name.equals(rangeKeyName)) {
        if (hash != null && rangeKeyName != null && !byName.containsKey(rangeKeyName)) {
          throw DynamoDbException.validation("Query condition missed key schema element: " + rangeKeyName);
        }
        if (hash == null) {
          break;
        }
        throw DynamoDbException.validation("Query key condition not supported");
      }
    }
    if (hash == null) {
      throw DynamoDbException.validation("Query condition missed key schema element: " + hashKeyName);
    }
    if (hash.op() != RangeCondition.Op.EQ) {
      throw DynamoDbException.validation("Query key condition not supported");
    }
    RangeCondition range = rangeKeyName == null ? null : byName.get(rangeKeyName);
    return new KeyCondition(hash.value(), range);
  }

  private record KeyPart(String name, RangeCondition condition) {}

  private static void flattenAnd(Cond c, List<Cond> out) {
    if (c instanceof Ast.And and) {
      flattenAnd(and.left(), out);
      flattenAnd(and.right(), out);
    } else if (c instanceof Ast.Paren p) {
      flattenAnd(p.inner(), out);
    } else {
      out.add(c);
    }
  }

  private static DynamoDbException keyError(String detail) {
    return Errors.invalid(Kind.KEY_CONDITION, detail);
  }

  private static KeyPart keyPart(Cond c) {
    switch (c) {
      case Ast.Or o -> throw keyError("Invalid operator used in KeyConditionExpression: OR");
      case Ast.Not n -> throw keyError("Invalid operator used in KeyConditionExpression: NOT");
      case Ast.In in -> throw keyError("Invalid operator used in KeyConditionExpression: IN");
      case Ast.Exists e -> throw keyError("Invalid operator used in KeyConditionExpression: "
          + (e.exists() ? "attribute_exists" : "attribute_not_exists"));
      case Ast.TypeIs t -> throw keyError("Invalid operator used in KeyConditionExpression: attribute_type");
      case Ast.Contains ct -> throw keyError("Invalid operator used in KeyConditionExpression: contains");
      case Ast.Compare cmp -> {
        if (cmp.op() == Ast.CompareOp.NE) {
          throw keyError("Invalid operator used in KeyConditionExpression: <>");
        }
        boolean leftPath = isKeyPath(cmp.left());
        boolean rightPath = isKeyPath(cmp.right());
        if (leftPath && rightPath) {
          throw keyError("Invalid condition in KeyConditionExpression: multiple attribute names used in one condition");
        }
        if (!leftPath && !rightPath) {
          throw keyError("Invalid condition in KeyConditionExpression: No key attribute specified");
        }
        Operand path = leftPath ? cmp.left() : cmp.right();
        Operand value = leftPath ? cmp.right() : cmp.left();
        RangeCondition.Op op = switch (cmp.op()) {
          case EQ -> RangeCondition.Op.EQ;
          case LT -> leftPath ? RangeCondition.Op.LT : RangeCondition.Op.GT;
          case LE -> leftPath ? RangeCondition.Op.LE : RangeCondition.Op.GE;
          case GT -> leftPath ? RangeCondition.Op.GT : RangeCondition.Op.LT;
          case GE -> leftPath ? RangeCondition.Op.GE : RangeCondition.Op.LE;
          default -> throw new IllegalStateException();
        };
        return new KeyPart(keyName(path), new RangeCondition(op, keyValue(value)));
      }
      case Ast.Between b -> {
        String name = keyName(b.operand());
        return new KeyPart(name, new RangeCondition(RangeCondition.Op.BETWEEN, keyValue(b.lower()), keyValue(b.upper())));
      }
      case Ast.BeginsWith bw -> {
        String name = keyName(bw.operand());
        AttributeValue prefix = keyValue(bw.prefix());
        return new KeyPart(name, new RangeCondition(RangeCondition.Op.BEGINS_WITH, prefix));
      }
      case Ast.And a -> throw new IllegalStateException("flattened");
      case Ast.Paren p -> throw new IllegalStateException("flattened");
    }
  }

  private static boolean isKeyPath(Operand o) {
    if (o instanceof Ast.SizeOp) {
      throw keyError("Invalid operator used in KeyConditionExpression: size");
    }
    return o instanceof Ast.PathOp;
  }

  private static String keyName(Operand o) {
    if (o instanceof Ast.SizeOp) {
      throw keyError("Invalid operator used in KeyConditionExpression: size");
    }
    if (!(o instanceof Ast.PathOp p)) {
      throw keyError("Invalid condition in KeyConditionExpression: No key attribute specified");
    }
    if (!p.path().isTopLevel()) {
      throw keyError("KeyConditionExpressions cannot have conditions on nested attributes");
    }
    return p.path().attribute();
  }

  private static AttributeValue keyValue(Operand o) {
    if (o instanceof Ast.ValueOp v) {
      return v.value();
    }
    if (o instanceof Ast.SizeOp) {
      throw keyError("Invalid operator used in KeyConditionExpression: size");
    }
    throw keyError("Invalid condition in KeyConditionExpression: multiple attribute names used in one condition");
  }
}
