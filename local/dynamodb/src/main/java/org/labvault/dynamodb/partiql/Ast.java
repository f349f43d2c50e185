package org.labvault.dynamodb.partiql;

import java.util.List;
import org.labvault.dynamodb.value.AttributeValue;

/** Parsed PartiQL statements and the expressions of their WHERE and SET clauses. */
final class Ast {

  private Ast() {}

  // ---- expressions -------------------------------------------------------------------------

  sealed interface Expr permits PathRef, Literal, Compare, And, Or, Not, Between, In, Is, Call, Arith {}

  /** A document path: String elements are names (the first the attribute), Integer elements list indexes. */
  record PathRef(List<Object> elements) implements Expr {
    String attribute() {
      return (String) elements.get(0);
    }

    boolean isTopLevel() {
      return elements.size() == 1;
    }

    /** The name a projection gives the value: the last name of the path. */
    String outputName() {
      for (int i = elements.size() - 1; i >= 0; i--) {
        if (elements.get(i) instanceof String s) {
          return s;
        }
      }
      return attribute();
    }
  }

  /** A literal, or a bound ? parameter. */
  record Literal(AttributeValue value) implements Expr {}

  /** =, <>, <, <=, > or >=. */
  record Compare(String op, Expr left, Expr right) implements Expr {}

  record And(Expr left, Expr right) implements Expr {}

  record Or(Expr left, Expr right) implements Expr {}

  record Not(Expr inner) implements Expr {}

  record Between(Expr operand, Expr lower, Expr upper) implements Expr {}

  record In(Expr operand, List<Expr> candidates) implements Expr {}

  /** IS [NOT] MISSING / NULL. */
  record Is(Expr operand, boolean negated, boolean missing) implements Expr {}

  /** A function call; the name in lower case. */
  record Call(String name, List<Expr> args) implements Expr {}

  /** + or - between two values (SET a = a + 1). */
  record Arith(String op, Expr left, Expr right) implements Expr {}

  // ---- statements --------------------------------------------------------------------------

  sealed interface Statement permits Select, Insert, Update, Delete, Exists {
    String table();
  }

  record OrderBy(PathRef path, boolean descending) {}

  /** SELECT; {@code projection} null for *. */
  record Select(List<PathRef> projection, String table, String index, Expr where, List<OrderBy> orderBy)
      implements Statement {}

  record Insert(String table, AttributeValue.M item) implements Statement {}

  sealed interface Action permits Assign, Remove {}

  record Assign(PathRef path, Expr value) implements Action {}

  record Remove(PathRef path) implements Action {}

  /** UPDATE; {@code returning} is ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATED_NEW or null. */
  record Update(String table, List<Action> actions, Expr where, String returning) implements Statement {}

  /** DELETE; {@code returning} is ALL_OLD or null. */
  record Delete(String table, Expr where, String returning) implements Statement {}

  /** [NOT] EXISTS(SELECT ...): a condition check inside a transaction. */
  record Exists(boolean negated, Select select) implements Statement {
    public String table() {
      return select.table();
    }
  }
}
