package org.labvault.dynamodb.partiql;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.labvault.dynamodb.DynamoDbException;
import org.labvault.dynamodb.partiql.Ast.Expr;
import org.labvault.dynamodb.partiql.Lexer.Token;
import org.labvault.dynamodb.partiql.Lexer.Type;
import org.labvault.dynamodb.value.AttributeValue;
import org.labvault.dynamodb.value.Bytes;
import org.labvault.dynamodb.value.Numbers;

/**
 * The PartiQL statements DynamoDB runs: SELECT, INSERT, UPDATE, DELETE and, in transactions,
 * [NOT] EXISTS(SELECT ...). Parameters ({@code ?}) are bound while parsing, in order.
 */
final class Parser {

  /** Words that cannot name an attribute or a table without double quotes. */
  private static final Set<String> RESERVED = Set.of("SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "IS",
      "BETWEEN", "SET", "REMOVE", "RETURNING", "ORDER", "BY", "MISSING", "NULL", "TRUE", "FALSE", "EXISTS",
      "INSERT", "INTO", "UPDATE", "DELETE");

  private final List<Token> tokens;
  private final List<AttributeValue> parameters;
  private int pos;
  private int nextParameter;

  private Parser(String text, List<AttributeValue> parameters) {
    this.tokens = Lexer.tokens(text);
    this.parameters = parameters == null ? List.of() : parameters;
  }

  static DynamoDbException syntax(String detail) {
    return DynamoDbException.validation("Statement wasn't well formed, can't be processed: " + detail);
  }

  static DynamoDbException parameterCount() {
    return DynamoDbException.validation("Number of parameters in request and statement don't match.");
  }

  /** Parses one statement and binds its parameters. */
  static Ast.Statement parse(String text, List<AttributeValue> parameters) {
    Parser p = new Parser(text, parameters);
    Ast.Statement statement = p.statement();
    if (p.peek().is(";")) {
      p.pos++;
    }
    if (p.peek().type() != Type.END) {
      throw p.unexpected();
    }
    if (p.nextParameter != p.parameters.size()) {
      throw parameterCount();
    }
    return statement;
  }

  // ---- tokens ------------------------------------------------------------------------------

  private Token peek() {
    return tokens.get(pos);
  }

  private Token peek(int ahead) {
    return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
  }

  private Token next() {
    Token t = tokens.get(pos);
    if (t.type() != Type.END) {
      pos++;
    }
    return t;
  }

  private boolean accept(String symbolOrKeyword) {
    if (peek().is(symbolOrKeyword)) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(String symbolOrKeyword) {
    if (!accept(symbolOrKeyword)) {
      throw unexpected();
    }
  }

  private DynamoDbException unexpected() {
    Token t = peek();
    if (t.type() == Type.END) {
      return syntax("Unexpected end of statement");
    }
    return syntax("Unexpected " + (t.type() == Type.WORD && RESERVED.contains(t.text().toUpperCase(Locale.ROOT))
        ? "keyword" : "token") + " '" + t.text() + "' at position " + t.position());
  }

  // ---- statements --------------------------------------------------------------------------

  private Ast.Statement statement() {
    Token t = peek();
    if (t.is("SELECT")) {
      return select();
    }
    if (t.is("INSERT")) {
      return insert();
    }
    if (t.is("UPDATE")) {
      return update();
    }
    if (t.is("DELETE")) {
      return delete();
    }
    if (t.is("EXISTS") || t.is("NOT") && peek(1).is("EXISTS")) {
      boolean negated = accept("NOT");
      expect("EXISTS");
      expect("(");
      Ast.Select select = select();
      expect(")");
      return new Ast.Exists(negated, select);
    }
    throw unexpected();
  }

  private Ast.Select select() {
    expect("SELECT");
    List<Ast.PathRef> projection = null;
    if (!accept("*")) {
      projection = new ArrayList<>();
      do {
        projection.add(path());
      } while (accept(","));
    }
    expect("FROM");
    String table = identifier();
    String index = null;
    if (accept(".")) {
      index = identifier();
    }
    Expr where = null;
    if (accept("WHERE")) {
      where = condition();
    }
    List<Ast.OrderBy> orderBy = new ArrayList<>();
    if (accept("ORDER")) {
      expect("BY");
      do {
        Ast.PathRef key = path();
        boolean descending = false;
        if (accept("DESC")) {
          descending = true;
        } else {
          accept("ASC");
        }
        orderBy.add(new Ast.OrderBy(key, descending));
      } while (accept(","));
    }
    return new Ast.Select(projection, table, index, where, orderBy);
  }

  private Ast.Insert insert() {
    expect("INSERT");
    expect("INTO");
    String table = identifier();
    if (!accept("VALUE")) {
      throw unexpected();
    }
    AttributeValue value = value();
    if (!(value instanceof AttributeValue.M m)) {
      throw DynamoDbException.validation("Unsupported operation: Inserting a value that is not a tuple is not supported");
    }
    return new Ast.Insert(table, m);
  }

  private Ast.Update update() {
    expect("UPDATE");
    String table = identifier();
    List<Ast.Action> actions = new ArrayList<>();
    while (true) {
      if (accept("SET")) {
        do {
          Ast.PathRef target = path();
          expect("=");
          actions.add(new Ast.Assign(target, valueExpression()));
        } while (accept(","));
      } else if (accept("REMOVE")) {
        do {
          actions.add(new Ast.Remove(path()));
        } while (accept(","));
      } else {
        break;
      }
    }
    if (actions.isEmpty()) {
      throw unexpected();
    }
    expect("WHERE");
    Expr where = condition();
    String returning = null;
    if (accept("RETURNING")) {
      String which;
      if (accept("ALL")) {
        which = "ALL_";
      } else if (accept("MODIFIED")) {
        which = "UPDATED_";
      } else {
        throw unexpected();
      }
      if (accept("OLD")) {
        returning = which + "OLD";
      } else if (accept("NEW")) {
        returning = which + "NEW";
      } else {
        throw unexpected();
      }
      expect("*");
    }
    return new Ast.Update(table, actions, where, returning);
  }

  private Ast.Delete delete() {
    expect("DELETE");
    expect("FROM");
    String table = identifier();
    expect("WHERE");
    Expr where = condition();
    String returning = null;
    if (accept("RETURNING")) {
      expect("ALL");
      expect("OLD");
      expect("*");
      returning = "ALL_OLD";
    }
    return new Ast.Delete(table, where, returning);
  }

  // ---- names -------------------------------------------------------------------------------

  private String identifier() {
    Token t = peek();
    if (t.type() == Type.QUOTED) {
      pos++;
      if (t.text().isEmpty()) {
        throw syntax("Empty quoted identifier at position " + t.position());
      }
      return t.text();
    }
    if (t.type() == Type.WORD && !RESERVED.contains(t.text().toUpperCase(Locale.ROOT))) {
      pos++;
      return t.text();
    }
    throw unexpected();
  }

  private Ast.PathRef path() {
    List<Object> elements = new ArrayList<>();
    elements.add(identifier());
    pathRest(elements);
    return new Ast.PathRef(elements);
  }

  private void pathRest(List<Object> elements) {
    while (true) {
      if (peek().is(".") && (peek(1).type() == Type.WORD || peek(1).type() == Type.QUOTED)) {
        pos++;
        elements.add(identifier());
      } else if (peek().is("[")) {
        pos++;
        Token t = next();
        if (t.type() == Type.STRING) {
          elements.add(t.text());
        } else if (t.type() == Type.NUMBER && t.text().chars().allMatch(Character::isDigit)) {
          try {
            elements.add(Integer.parseInt(t.text()));
          } catch (NumberFormatException e) {
            throw syntax("List index out of range at position " + t.position());
          }
        } else {
          pos--;
          throw unexpected();
        }
        expect("]");
      } else {
        return;
      }
    }
  }

  // ---- conditions --------------------------------------------------------------------------

  private Expr condition() {
    Expr left = conjunction();
    while (accept("OR")) {
      left = new Ast.Or(left, conjunction());
    }
    return left;
  }

  private Expr conjunction() {
    Expr left = negation();
    while (accept("AND")) {
      left = new Ast.And(left, negation());
    }
    return left;
  }

  private Expr negation() {
    if (accept("NOT")) {
      return new Ast.Not(negation());
    }
    return predicate();
  }

  private Expr predicate() {
    if (peek().is("(")) {
      pos++;
      Expr inner = condition();
      expect(")");
      return inner;
    }
    Expr left = operand();
    Token t = peek();
    if (t.type() == Type.SYMBOL) {
      String op = switch (t.text()) {
        case "=", "<>", "<", "<=", ">", ">=" -> t.text();
        case "!=" -> "<>";
        default -> null;
      };
      if (op != null) {
        pos++;
        return new Ast.Compare(op, left, operand());
      }
    }
    boolean negated = false;
    if (t.is("NOT") && (peek(1).is("BETWEEN") || peek(1).is("IN"))) {
      pos++;
      negated = true;
    }
    if (accept("BETWEEN")) {
      Expr lower = operand();
      expect("AND");
      Expr upper = operand();
      Expr between = new Ast.Between(left, lower, upper);
      return negated ? new Ast.Not(between) : between;
    }
    if (accept("IN")) {
      List<Expr> candidates = new ArrayList<>();
      if (peek().type() == Type.PARAM) {
        AttributeValue list = parameter();
        if (!(list instanceof AttributeValue.L l)) {
          throw DynamoDbException.validation("The right operand of IN must be a list");
        }
        l.values().forEach(v -> candidates.add(new Ast.Literal(v)));
      } else {
        String close = accept("[") ? "]" : null;
        if (close == null) {
          expect("(");
          close = ")";
        }
        if (!peek().is(close)) {
          do {
            candidates.add(operand());
          } while (accept(","));
        }
        expect(close);
      }
      if (candidates.isEmpty()) {
        throw syntax("IN requires at least one value");
      }
      Expr in = new Ast.In(left, candidates);
      return negated ? new Ast.Not(in) : in;
    }
    if (accept("IS")) {
      boolean not = accept("NOT");
      if (accept("MISSING")) {
        return new Ast.Is(left, not, true);
      }
      if (accept("NULL")) {
        return new Ast.Is(left, not, false);
      }
      throw unexpected();
    }
    if (left instanceof Ast.Call) {
      return left;
    }
    throw unexpected();
  }

  /** A path, a function call or a literal value. */
  private Expr operand() {
    Token t = peek();
    if (t.type() == Type.WORD && peek(1).is("(") && !RESERVED.contains(t.text().toUpperCase(Locale.ROOT))) {
      pos += 2;
      List<Expr> args = new ArrayList<>();
      if (!peek().is(")")) {
        do {
          args.add(operand());
        } while (accept(","));
      }
      expect(")");
      return new Ast.Call(t.text().toLowerCase(Locale.ROOT), args);
    }
    if (t.type() == Type.QUOTED || t.type() == Type.WORD && !RESERVED.contains(t.text().toUpperCase(Locale.ROOT))) {
      return path();
    }
    return new Ast.Literal(value());
  }

  /** The right side of SET: operands joined by + and -. */
  private Expr valueExpression() {
    Expr left = operand();
    while (peek().is("+") || peek().is("-")) {
      String op = next().text();
      left = new Ast.Arith(op, left, operand());
    }
    return left;
  }

  // ---- values ------------------------------------------------------------------------------

  private AttributeValue parameter() {
    next();
    if (nextParameter >= parameters.size()) {
      throw parameterCount();
    }
    return parameters.get(nextParameter++);
  }

  /** A literal: 'string', number, TRUE, FALSE, NULL, [list], {'map': ...}, <<set>> or a ? parameter. */
  private AttributeValue value() {
    Token t = peek();
    switch (t.type()) {
      case PARAM -> {
        return parameter();
      }
      case STRING -> {
        pos++;
        return new AttributeValue.S(t.text());
      }
      case NUMBER -> {
        pos++;
        return new AttributeValue.N(Numbers.parse(t.text()));
      }
      case WORD -> {
        if (t.is("TRUE") || t.is("FALSE")) {
          pos++;
          return t.is("TRUE") ? AttributeValue.TRUE : AttributeValue.FALSE;
        }
        if (t.is("NULL")) {
          pos++;
          return AttributeValue.NULL;
        }
        throw unexpected();
      }
      case SYMBOL -> {
        if (t.is("-") || t.is("+")) {
          pos++;
          Token number = peek();
          if (number.type() != Type.NUMBER) {
            throw unexpected();
          }
          pos++;
          return new AttributeValue.N(Numbers.parse((t.is("-") ? "-" : "") + number.text()));
        }
        if (t.is("[")) {
          pos++;
          List<AttributeValue> values = new ArrayList<>();
          if (!peek().is("]")) {
            do {
              values.add(value());
            } while (accept(","));
          }
          expect("]");
          return new AttributeValue.L(values);
        }
        if (t.is("{")) {
          pos++;
          Map<String, AttributeValue> values = new LinkedHashMap<>();
          if (!peek().is("}")) {
            do {
              Token key = next();
              if (key.type() != Type.STRING && key.type() != Type.QUOTED) {
                pos--;
                throw unexpected();
              }
              expect(":");
              if (values.put(key.text(), value()) != null) {
                throw DynamoDbException.validation("Duplicate key in the tuple: " + key.text());
              }
            } while (accept(","));
          }
          expect("}");
          return new AttributeValue.M(values);
        }
        if (t.is("<<")) {
          pos++;
          List<AttributeValue> values = new ArrayList<>();
          if (!peek().is(">>")) {
            do {
              values.add(value());
            } while (accept(","));
          }
          expect(">>");
          return set(values, t);
        }
        throw unexpected();
      }
      default -> throw unexpected();
    }
  }

  private static AttributeValue set(List<AttributeValue> values, Token at) {
    if (values.isEmpty()) {
      throw syntax("A set literal must hold at least one value at position " + at.position());
    }
    String type = values.get(0).type();
    for (AttributeValue v : values) {
      if (!v.type().equals(type)) {
        throw DynamoDbException.validation("Statement wasn't well formed, can't be processed: a set holds values of one"
            + " type (strings, numbers or binaries) at position " + at.position());
      }
    }
    return switch (type) {
      case "S" -> {
        Set<String> s = new LinkedHashSet<>();
        values.forEach(v -> s.add(((AttributeValue.S) v).value()));
        yield new AttributeValue.SS(s);
      }
      case "N" -> {
        Set<BigDecimal> s = new LinkedHashSet<>();
        values.forEach(v -> s.add(((AttributeValue.N) v).value()));
        yield new AttributeValue.NS(s);
      }
      case "B" -> {
        Set<Bytes> s = new LinkedHashSet<>();
        values.forEach(v -> s.add(((AttributeValue.B) v).value()));
        yield new AttributeValue.BS(s);
      }
      default -> throw DynamoDbException.validation("Statement wasn't well formed, can't be processed: a set holds"
          + " strings, numbers or binaries at position " + at.position());
    };
  }
}
