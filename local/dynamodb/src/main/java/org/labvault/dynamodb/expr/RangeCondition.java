package org.labvault.dynamodb.expr;

import org.labvault.dynamodb.value.AttributeValue;

/** The sort-key part of a query's key condition; {@code upper} is set for BETWEEN only. */
public record RangeCondition(Op op, AttributeValue value, AttributeValue upper) {

  public enum Op { EQ, LT, LE, GT, GE, BETWEEN, BEGINS_WITH }

  public RangeCondition(Op op, AttributeValue value) {
    this(op, value, null);
  }

  public boolean test(AttributeValue sortKeyValue) {
    if (sortKeyValue == null) {
      return false;
    }
    if (op == Op.BEGINS_WITH) {
      return Eval.beginsWith(sortKeyValue, value);
    }
    if (op == Op.BETWEEN) {
      return Eval.between(sortKeyValue, value, upper);
    }
    Integer c = Eval.compare(sortKeyValue, value);
    if (c == null) {
      return false;
    }
    return switch (op) {
      case EQ -> c == 0;
      case LT -> c < 0;
      case LE -> c <= 0;
      case GT -> c > 0;
      case GE -> c >= 0;
      default -> false;
    };
  }
}
