package org.labvault.dynamodb.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.labvault.dynamodb.expr.Ast.Arith;
import org.labvault.dynamodb.expr.Ast.BeginsWith;
import org.labvault.dynamodb.expr.Ast.Between;
import org.labvault.dynamodb.expr.Ast.Call;
import org.labvault.dynamodb.expr.Ast.Compare;
import org.labvault.dynamodb.expr.Ast.CompareOp;
import org.labvault.dynamodb.expr.Ast.Cond;
import org.labvault.dynamodb.expr.Ast.Contains;
import org.labvault.dynamodb.expr.Ast.Exists;
import org.labvault.dynamodb.expr.Ast.IfNotExists;
import org.labvault.dynamodb.expr.Ast.In;
import org.labvault.dynamodb.expr.Ast.ListAppend;
import org.labvault.dynamodb.expr.Ast.Operand;
import org.labvault.dynamodb.expr.Ast.PathOp;
import org.labvault.dynamodb.expr.Ast.SizeOp;
import org.labvault.dynamodb.expr.Ast.TypeIs;
import org.labvault.dynamodb.expr.Ast.ValueOp;
import org.labvault.dynamodb.expr.Lexer.T;
import org.labvault.dynamodb.expr.Lexer.Token;
import org.labvault.dynamodb.value.AttributeValue;

/** One recursive-descent parser for conditions, update expressions and projections. */
final class Parser {

  static final int MAX_IN_OPERANDS = 100;

  private static final Set<String> CONDITION_FUNCTIONS =
      Set.of("attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains", "size");
  private static final Set<String> UPDATE_FUNCTIONS = Set.of("if_not_exists", "list_append");
  private static final Set<String> KEYWORDS = Set.of("AND", "OR", "NOT", "BETWEEN", "IN");
  static final Set<String> TYPE_NAMES = Set.of("S", "SS", "N", "NS", "B", "BS", "BOOL", "NULL", "L", "M");

  private final String text;
  private final List<Token> tokens;
  private final ExpressionContext ctx;
  private final Kind kind;
  /**
   * DynamoDB reports syntax errors before any other error, so every expression is parsed twice: first
   * for its syntax only (no substitutions, no checks), then for real.
   */
  private final boolean syntaxOnly;
  private int pos;

  Parser(String text, ExpressionContext ctx, Kind kind) {
    this(text, ctx, kind, false);
  }

  private Parser(String text, ExpressionContext ctx, Kind kind, boolean syntaxOnly) {
    if (text == null || text.isBlank()) {
      throw Errors.invalid(kind, "The expression can not be empty;");
    }
    this.text = text;
    this.tokens = Lexer.tokens(text);
    this.ctx = ctx == null ? ExpressionContext.empty() : ctx;
    this.kind = kind;
    this.syntaxOnly = syntaxOnly;
  }

  private Parser syntaxPass() {
    return new Parser(text, ctx, kind, true);
  }

  private static final AttributeValue PLACEHOLDER = AttributeValue.NULL;

  // ---------------------------------------------------------------- token helpers

  private Token peek() {
    return tokens.get(pos);
  }

  private Token peek(int ahead) {
    return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
  }

  private Token next() {
    Token t = tokens.get(pos);
    if (pos < tokens.size() - 1) {
      pos++;
    }
    return t;
  }

  private Token expect(T type) {
    Token t = peek();
    if (!t.is(type)) {
      throw syntaxError(t);
    }
    return next();
  }

  private void expectEnd() {
    if (!peek().is(T.EOF)) {
      throw syntaxError(peek());
    }
  }

  /** Syntax error; the "near" text spans the previous, the offending and the next token. */
  RuntimeException syntaxError(Token t) {
    int index = tokens.indexOf(t);
    int from = index > 0 ? tokens.get(index - 1).start() : t.start();
    int to = t.end();
    if (!t.is(T.EOF) && index + 1 < tokens.size() && !tokens.get(index + 1).is(T.EOF)) {
      to = tokens.get(index + 1).end();
    }
    String near = text.substring(from, Math.max(from, to));
    return Errors.invalid(kind, "Syntax error; token: \"" + t.text() + "\", near: \"" + near + "\"");
  }

  private RuntimeException error(String detail) {
    return Errors.invalid(kind, detail);
  }

  /** A semantic error: thrown in the real pass, ignored in the syntax pass. */
  private void semantic(String detail) {
    if (!syntaxOnly) {
      throw error(detail);
    }
  }

  private boolean atKeyword() {
    Token t = peek();
    return t.is(T.IDENT) && KEYWORDS.contains(t.text().toUpperCase(java.util.Locale.ROOT));
  }

  // ---------------------------------------------------------------- paths and operands

  Path parsePath() {
    List<Object> elements = new ArrayList<>();
    elements.add(pathName());
    while (true) {
      if (peek().is(T.DOT)) {
        next();
        elements.add(pathName());
      } else if (peek().is(T.LBRACK)) {
        next();
        Token number = expect(T.NUMBER);
        int index;
        try {
          index = Integer.parseInt(number.text());
        } catch (NumberFormatException e) {
          throw syntaxError(number);
        }
        expect(T.RBRACK);
        elements.add(index);
      } else {
        return new Path(elements);
      }
    }
  }

  private String pathName() {
    Token t = peek();
    if (t.is(T.NAME_REF)) {
      next();
      return syntaxOnly ? t.text() : ctx.name(t.text(), kind);
    }
    if (t.is(T.IDENT)) {
      if (ReservedWords.isReserved(t.text())) {
        if (KEYWORDS.contains(t.text().toUpperCase(java.util.Locale.ROOT))) {
          throw syntaxError(t);
        }
        semantic("Attribute name is a reserved keyword; reserved keyword: " + t.text());
      }
      next();
      return t.text();
    }
    throw syntaxError(t);
  }

  /** A path, a :value or a function call (checked later for its place). */
  Operand parseOperand() {
    Token t = peek();
    if (t.is(T.VALUE_REF)) {
      next();
      return new ValueOp(syntaxOnly ? PLACEHOLDER : ctx.value(t.text(), kind), t.text());
    }
    if (t.is(T.IDENT) && peek(1).is(T.LPAREN)) {
      String name = t.text();
      if (!CONDITION_FUNCTIONS.contains(name) && !UPDATE_FUNCTIONS.contains(name)) {
        if (KEYWORDS.contains(name.toUpperCase(java.util.Locale.ROOT))) {
          throw syntaxError(t);
        }
        semantic("Invalid function name; function: " + name);
      }
      next();
      next();
      List<Operand> args = new ArrayList<>();
      if (!peek().is(T.RPAREN)) {
        args.add(parseOperand());
        while (peek().is(T.COMMA)) {
          next();
          args.add(parseOperand());
        }
      }
      expect(T.RPAREN);
      return new Call(name, args);
    }
    if (t.is(T.IDENT) || t.is(T.NAME_REF)) {
      return new PathOp(parsePath());
    }
    throw syntaxError(t);
  }

  // ---------------------------------------------------------------- conditions

  Cond parseCondition() {
    if (!syntaxOnly) {
      syntaxPass().parseCondition();
    }
    Cond c = parseOr();
    expectEnd();
    return c;
  }

  private Cond parseOr() {
    Cond left = parseAnd();
    while (peek().isWord("OR")) {
      next();
      left = new Ast.Or(left, parseAnd());
    }
    return left;
  }

  private Cond parseAnd() {
    Cond left = parseNot();
    while (peek().isWord("AND")) {
      next();
      left = new Ast.And(left, parseNot());
    }
    return left;
  }

  private Cond parseNot() {
    if (peek().isWord("NOT")) {
      next();
      return new Ast.Not(parseNot());
    }
    return parsePrimary();
  }

  private Cond parsePrimary() {
    if (peek().is(T.LPAREN)) {
      next();
      Cond inner = parseOr();
      expect(T.RPAREN);
      if (inner instanceof Ast.Paren) {
        semantic("The expression has redundant parentheses;");
      }
      return new Ast.Paren(inner);
    }
    if (atKeyword()) {
      throw syntaxError(peek());
    }
    Operand left = parseOperand();
    Token t = peek();
    CompareOp op = switch (t.type()) {
      case EQ -> CompareOp.EQ;
      case NE -> CompareOp.NE;
      case LT -> CompareOp.LT;
      case LE -> CompareOp.LE;
      case GT -> CompareOp.GT;
      case GE -> CompareOp.GE;
      default -> null;
    };
    if (op != null) {
      next();
      Operand right = operandInCondition(parseOperand());
      left = operandInCondition(left);
      distinct(op.symbol, left, List.of(right));
      if (op != CompareOp.EQ && op != CompareOp.NE) {
        requireScalarLiteral(op.symbol, left);
        requireScalarLiteral(op.symbol, right);
      }
      return new Compare(op, left, right);
    }
    if (t.isWord("BETWEEN")) {
      next();
      Operand lower = operandInCondition(parseOperand());
      if (!peek().isWord("AND")) {
        throw syntaxError(peek());
      }
      next();
      Operand upper = operandInCondition(parseOperand());
      left = operandInCondition(left);
      distinct("BETWEEN", left, List.of(lower, upper));
      requireScalarLiteral("BETWEEN", left);
      requireScalarLiteral("BETWEEN", lower);
      requireScalarLiteral("BETWEEN", upper);
      if (lower instanceof ValueOp lo && upper instanceof ValueOp hi) {
        Integer c = Eval.compare(lo.value(), hi.value());
        if (c != null && c > 0) {
          throw error("The BETWEEN operator requires upper bound to be greater than or equal to lower bound; "
              + "lower bound operand: AttributeValue: " + Errors.render(lo.value())
              + ", upper bound operand: AttributeValue: " + Errors.render(hi.value()));
        }
      }
      return new Between(left, lower, upper);
    }
    if (t.isWord("IN")) {
      next();
      expect(T.LPAREN);
      List<Operand> candidates = new ArrayList<>();
      candidates.add(operandInCondition(parseOperand()));
      while (peek().is(T.COMMA)) {
        next();
        candidates.add(operandInCondition(parseOperand()));
      }
      expect(T.RPAREN);
      if (candidates.size() > MAX_IN_OPERANDS) {
        semantic("The IN operator is provided with too many operands; number of operands: " + candidates.size());
      }
      left = operandInCondition(left);
      distinct("IN", left, candidates);
      return new In(left, candidates);
    }
    if (left instanceof Call call) {
      return functionCondition(call);
    }
    throw syntaxError(t);
  }

  /** An operand of a comparison: only size() may be a function there. */
  private Operand operandInCondition(Operand o) {
    if (syntaxOnly) {
      return o;
    }
    if (o instanceof Call call) {
      if (!call.name().equals("size")) {
        throw error("The function is not allowed to be used this way in an expression; function: " + call.name());
      }
      return new SizeOp(pathArgument(call, 1, 0));
    }
    return o;
  }

  private Cond functionCondition(Call call) {
    if (syntaxOnly) {
      return new Exists(Path.of("_"), true);
    }
    switch (call.name()) {
      case "attribute_exists", "attribute_not_exists" -> {
        return new Exists(pathArgument(call, 1, 0), call.name().equals("attribute_exists"));
      }
      case "attribute_type" -> {
        Path path = pathArgument(call, 2, 0);
        Operand type = operandInCondition(call.args().get(1));
        if (type instanceof ValueOp v) {
          if (!(v.value() instanceof AttributeValue.S s)) {
            throw error("Incorrect operand type for operator or function; operator or function: attribute_type, operand type: "
                + v.value().type());
          }
          if (!TYPE_NAMES.contains(s.value())) {
            throw error("Invalid attribute type name found; type: " + s.value()
                + ", valid types: { B,N,S,SS,NS,BS,BOOL,NULL,L,M }");
          }
        }
        return new TypeIs(path, type);
      }
      case "begins_with" -> {
        argumentCount(call, 2);
        Operand subject = operandInCondition(call.args().get(0));
        Operand prefix = operandInCondition(call.args().get(1));
        for (Operand o : List.of(subject, prefix)) {
          if (o instanceof ValueOp v && !(v.value() instanceof AttributeValue.S) && !(v.value() instanceof AttributeValue.B)) {
            throw error("Incorrect operand type for operator or function; operator or function: begins_with, operand type: "
                + v.value().type());
          }
        }
        distinct("begins_with", subject, List.of(prefix));
        return new BeginsWith(subject, prefix);
      }
      case "contains" -> {
        argumentCount(call, 2);
        Operand subject = operandInCondition(call.args().get(0));
        Operand part = operandInCondition(call.args().get(1));
        distinct("contains", subject, List.of(part));
        return new Contains(subject, part);
      }
      default -> throw error("The function is not allowed to be used this way in an expression; function: " + call.name());
    }
  }

  private void argumentCount(Call call, int expected) {
    if (call.args().size() != expected) {
      throw error("Incorrect number of operands for operator or function; operator or function: " + call.name()
          + ", number of operands: " + call.args().size());
    }
  }

  private Path pathArgument(Call call, int count, int index) {
    argumentCount(call, count);
    if (call.args().get(index) instanceof PathOp p) {
      return p.path();
    }
    throw error("Operator or function requires a document path; operator or function: " + call.name());
  }

  private void distinct(String operator, Operand first, List<Operand> rest) {
    if (syntaxOnly || !(first instanceof PathOp p)) {
      return;
    }
    for (Operand o : rest) {
      if (o instanceof PathOp q && q.path().equals(p.path())) {
        throw error("The first operand must be distinct from the remaining operands for this operator or function; operator: "
            + operator + ", first operand: " + p.path());
      }
    }
  }

  private void requireScalarLiteral(String operator, Operand o) {
    if (!syntaxOnly && o instanceof ValueOp v && !v.value().isKeyType()) {
      throw error("Incorrect operand type for operator or function; operator or function: " + operator
          + ", operand type: " + v.value().type());
    }
  }

  // ---------------------------------------------------------------- projections

  List<Path> parseProjection() {
    if (!syntaxOnly) {
      syntaxPass().parseProjection();
    }
    List<Path> paths = new ArrayList<>();
    paths.add(parsePath());
    while (peek().is(T.COMMA)) {
      next();
      paths.add(parsePath());
    }
    expectEnd();
    checkOverlaps(paths);
    return paths;
  }

  void checkOverlaps(List<Path> paths) {
    if (syntaxOnly) {
      return;
    }
    for (int i = 0; i < paths.size(); i++) {
      for (int j = i + 1; j < paths.size(); j++) {
        Path a = paths.get(i);
        Path b = paths.get(j);
        if (a.equals(b)) {
          throw error("Two document paths conflict with each other; must remove or rewrite one of these paths; path one: "
              + a + ", path two: " + b);
        }
        if (a.isPrefixOf(b) || b.isPrefixOf(a)) {
          throw error("Two document paths overlap with each other; must remove or rewrite one of these paths; path one: "
              + a + ", path two: " + b);
        }
      }
    }
  }

  // ---------------------------------------------------------------- update expressions

  List<Update.Action> parseUpdate() {
    if (!syntaxOnly) {
      syntaxPass().parseUpdate();
    }
    List<Update.Action> actions = new ArrayList<>();
    Set<String> seen = new java.util.HashSet<>();
    if (peek().is(T.EOF)) {
      throw syntaxError(peek());
    }
    while (!peek().is(T.EOF)) {
      Token clause = peek();
      String word = clause.is(T.IDENT) ? clause.text().toUpperCase(java.util.Locale.ROOT) : "";
      if (!Set.of("SET", "REMOVE", "ADD", "DELETE").contains(word)) {
        throw syntaxError(clause);
      }
      if (!seen.add(word)) {
        semantic("The \"" + word + "\" section can only be used once in an update expression;");
      }
      next();
      while (true) {
        actions.add(switch (word) {
          case "SET" -> setAction();
          case "REMOVE" -> new Update.Remove(parsePath());
          case "ADD" -> addOrDelete(true);
          default -> addOrDelete(false);
        });
        if (!peek().is(T.COMMA)) {
          break;
        }
        next();
      }
    }
    List<Path> paths = new ArrayList<>();
    for (Update.Action a : actions) {
      paths.add(a.path());
    }
    checkOverlaps(paths);
    return actions;
  }

  private Update.Action setAction() {
    Path path = parsePath();
    expect(T.EQ);
    Operand value = updateOperand(parseOperand());
    if (peek().is(T.PLUS) || peek().is(T.MINUS)) {
      boolean plus = next().is(T.PLUS);
      Operand right = updateOperand(parseOperand());
      for (Operand o : List.of(value, right)) {
        if (!syntaxOnly && o instanceof ValueOp v && !(v.value() instanceof AttributeValue.N)) {
          throw error("Incorrect operand type for operator or function; operator or function: " + (plus ? "+" : "-")
              + ", operand type: " + v.value().type());
        }
      }
      value = new Arith(plus, value, right);
    }
    return new Update.Set(path, value);
  }

  private Operand updateOperand(Operand o) {
    if (syntaxOnly || !(o instanceof Call call)) {
      return o;
    }
    switch (call.name()) {
      case "if_not_exists" -> {
        Path path = pathArgument(call, 2, 0);
        return new IfNotExists(path, updateOperand(call.args().get(1)));
      }
      case "list_append" -> {
        argumentCount(call, 2);
        Operand first = updateOperand(call.args().get(0));
        Operand second = updateOperand(call.args().get(1));
        for (Operand x : List.of(first, second)) {
          if (x instanceof ValueOp v && !(v.value() instanceof AttributeValue.L)) {
            throw error("Incorrect operand type for operator or function; operator or function: list_append, operand type: "
                + v.value().type());
          }
        }
        return new ListAppend(first, second);
      }
      default -> throw error("The function is not allowed in an update expression; function: " + call.name());
    }
  }

  private Update.Action addOrDelete(boolean add) {
    Path path = parsePath();
    Token t = peek();
    if (!t.is(T.VALUE_REF)) {
      throw syntaxError(t);
    }
    next();
    if (syntaxOnly) {
      return new Update.Remove(path);
    }
    AttributeValue value = ctx.value(t.text(), kind);
    if (add ? !(value instanceof AttributeValue.N || value.isSet()) : !value.isSet()) {
      throw error("Incorrect operand type for operator or function; operator: " + (add ? "ADD" : "DELETE")
          + ", operand type: " + Errors.longTypeName(value));
    }
    return add ? new Update.Add(path, value, false) : new Update.Delete(path, value, false);
  }
}
