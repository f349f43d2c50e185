package org.labvault.dynamodb.expr;

import java.util.List;
import org.labvault.dynamodb.value.AttributeValue;

/** The syntax tree shared by every expression kind. */
final class Ast {

  private Ast() {}

  /** Something that yields a value (or nothing) for an item. */
  sealed interface Operand permits PathOp, ValueOp, SizeOp, Arith, IfNotExists, ListAppend, Call {}

  record PathOp(Path path) implements Operand {}

  record ValueOp(AttributeValue value, String reference) implements Operand {}

  record SizeOp(Path path) implements Operand {}

  /** SET a = b + c / b - c. */
  record Arith(boolean plus, Operand left, Operand right) implements Operand {}

  record IfNotExists(Path path, Operand fallback) implements Operand {}

  record ListAppend(Operand first, Operand second) implements Operand {}

  /** A function call as parsed, before it is checked for its place. */
  record Call(String name, List<Operand> args) implements Operand {}

  enum CompareOp {
    EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">=");

    final String symbol;

    CompareOp(String symbol) {
      this.symbol = symbol;
    }
  }

  /** A boolean condition. */
  sealed interface Cond
      permits And, Or, Not, Paren, Compare, Between, In, Exists, TypeIs, BeginsWith, Contains {}

  record And(Cond left, Cond right) implements Cond {}

  record Or(Cond left, Cond right) implements Cond {}

  record Not(Cond inner) implements Cond {}

  record Paren(Cond inner) implements Cond {}

  record Compare(CompareOp op, Operand left, Operand right) implements Cond {}

  record Between(Operand operand, Operand lower, Operand upper) implements Cond {}

  record In(Operand operand, List<Operand> candidates) implements Cond {}

  /** attribute_exists (exists true) / attribute_not_exists (exists false). */
  record Exists(Path path, boolean exists) implements Cond {}

  record TypeIs(Path path, Operand type) implements Cond {}

  record BeginsWith(Operand operand, Operand prefix) implements Cond {}

  record Contains(Operand operand, Operand part) implements Cond {}
}
