package org.labvault.local.iot.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.labvault.shared.json.Json;

/**
 * An IoT rule's SQL (version 2016-03-23), the subset the local stack evaluates:
 * {@code SELECT <items> FROM '<topic filter>' [WHERE <condition>]}, where an item is {@code *}, a
 * JSON field ({@code a} or {@code a.b}), {@code topic()}, {@code topic(n)}, {@code clientid()} or
 * {@code timestamp()}, each with an optional {@code AS name} (a function needs one), and a
 * condition compares such values and literals with {@code = <> != < <= > >=}, joined by
 * {@code AND}, {@code OR}, {@code NOT} and parentheses. Anything else is refused when the rule is
 * read, naming the construct.
 *
 * <p>Payloads: {@code *} merges a JSON object payload (an empty payload counts as {}); named items
 * always override a payload field of the same name, so a payload cannot forge them. A payload that
 * is not a JSON object cannot be merged into the JSON event a Lambda action needs (IoT Core's Lambda
 * action takes no binary payloads): the message is then not delivered, and {@link Outcome.Unusable}
 * says why.
 */
public final class RuleQuery {

  /** The SQL versions whose semantics this follows. */
  public static final Set<String> VERSIONS = Set.of("2016-03-23");

  private static final Set<String> FUNCTIONS = Set.of("topic", "clientid", "timestamp");
  private static final Set<String> KEYWORDS = Set.of("select", "from", "where", "as", "and", "or", "not");

  /** A message as the broker accepted it. */
  public record Message(String clientId, String topic, byte[] payload, long timestampMillis) {}

  /** What a message leads to. */
  public sealed interface Outcome {
    /** The rule's action runs with this event. */
    record Matched(ObjectNode event) implements Outcome {}

    /** The topic or the WHERE clause does not select the message. */
    record NotSelected() implements Outcome {}

    /** Selected, but no event can be made of it. */
    record Unusable(String reason) implements Outcome {}
  }

  sealed interface Value permits Field, Literal, Function {}

  record Field(List<String> path) implements Value {}

  record Literal(JsonNode value) implements Value {}

  record Function(String name, Integer argument) implements Value {}

  record Item(Value value, String name) {}

  sealed interface Condition permits Comparison, All, Any, Negation {}

  record Comparison(Value left, String operator, Value right) implements Condition {}

  record All(Condition left, Condition right) implements Condition {}

  record Any(Condition left, Condition right) implements Condition {}

  record Negation(Condition condition) implements Condition {}

  private final boolean star;
  private final List<Item> items;
  private final TopicFilter from;
  private final Condition where;

  private RuleQuery(boolean star, List<Item> items, TopicFilter from, Condition where) {
    this.star = star;
    this.items = List.copyOf(items);
    this.from = from;
    this.where = where;
  }

  /**
   * Parses a rule's SQL.
   *
   * @throws UnsupportedSqlException for SQL the local stack cannot evaluate, naming the construct
   */
  public static RuleQuery parse(String sql, String version) {
    if (!VERSIONS.contains(version)) {
      throw new UnsupportedSqlException("AwsIotSqlVersion " + version + " is not supported by the local stack ("
          + String.join(", ", VERSIONS) + ")");
    }
    SqlTokens tokens = SqlTokens.of(sql);
    tokens.expect("SELECT");
    if (tokens.peek().is("VALUE") || tokens.peek().is("DISTINCT")) {
      throw new UnsupportedSqlException("SELECT " + tokens.peek().text() + " is not supported by the local stack");
    }
    boolean star = false;
    List<Item> items = new ArrayList<>();
    do {
      if (tokens.takeIf("*")) {
        star = true;
        continue;
      }
      Value value = value(tokens);
      String name;
      if (tokens.takeIf("AS")) {
        SqlTokens.Token alias = tokens.take();
        if (alias.kind() != SqlTokens.Kind.WORD || KEYWORDS.contains(alias.text().toLowerCase(java.util.Locale.ROOT))) {
          throw new UnsupportedSqlException("AS at " + alias.at() + " needs a name, found " + alias);
        }
        name = alias.text();
      } else if (value instanceof Field field) {
        name = field.path().getLast();
      } else {
        throw new UnsupportedSqlException("a function or literal in SELECT without AS is not supported by the local stack"
            + " (name it with AS)");
      }
      items.add(new Item(value, name));
    } while (tokens.takeIf(","));
    tokens.expect("FROM");
    SqlTokens.Token topic = tokens.take();
    if (topic.kind() != SqlTokens.Kind.STRING) {
      throw new UnsupportedSqlException("FROM takes a topic filter in single quotes, found " + topic);
    }
    TopicFilter from = new TopicFilter(topic.text());
    Condition where = null;
    if (tokens.takeIf("WHERE")) {
      where = or(tokens);
    }
    SqlTokens.Token rest = tokens.peek();
    if (rest.kind() != SqlTokens.Kind.END) {
      throw new UnsupportedSqlException(rest + " at " + rest.at() + " is not supported by the local stack");
    }
    return new RuleQuery(star, items, from, where);
  }

  private static Condition or(SqlTokens tokens) {
    Condition left = and(tokens);
    while (tokens.takeIf("OR")) {
      left = new Any(left, and(tokens));
    }
    return left;
  }

  private static Condition and(SqlTokens tokens) {
    Condition left = not(tokens);
    while (tokens.takeIf("AND")) {
      left = new All(left, not(tokens));
    }
    return left;
  }

  private static Condition not(SqlTokens tokens) {
    if (tokens.takeIf("NOT")) {
      return new Negation(not(tokens));
    }
    if (tokens.takeIf("(")) {
      Condition inner = or(tokens);
      tokens.expect(")");
      return inner;
    }
    Value left = value(tokens);
    SqlTokens.Token operator = tokens.take();
    if (!Set.of("=", "<>", "!=", "<", "<=", ">", ">=").contains(operator.text()) || operator.kind() != SqlTokens.Kind.SYMBOL) {
      throw new UnsupportedSqlException("the operator " + operator + " at " + operator.at()
          + " is not supported by the local stack (= <> != < <= > >=, AND, OR, NOT)");
    }
    return new Comparison(left, operator.text(), value(tokens));
  }

  private static Value value(SqlTokens tokens) {
    SqlTokens.Token t = tokens.take();
    switch (t.kind()) {
      case STRING -> {
        return new Literal(JsonNodeFactory.instance.textNode(t.text()));
      }
      case NUMBER -> {
        try {
          return new Literal(Json.instance().mapper().readTree(t.text()));
        } catch (IOException e) {
          throw new UnsupportedSqlException("the number " + t.text() + " at " + t.at() + " is not valid");
        }
      }
      case WORD -> {
        String word = t.text();
        if (word.equalsIgnoreCase("true") || word.equalsIgnoreCase("false")) {
          return new Literal(JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(word)));
        }
        if (tokens.takeIf("(")) {
          return function(word.toLowerCase(java.util.Locale.ROOT), t, tokens);
        }
        if (KEYWORDS.contains(word.toLowerCase(java.util.Locale.ROOT))) {
          throw new UnsupportedSqlException("expected a value at " + t.at() + ", found " + t);
        }
        List<String> path = new ArrayList<>(List.of(word));
        while (tokens.takeIf(".")) {
          SqlTokens.Token part = tokens.take();
          if (part.kind() != SqlTokens.Kind.WORD) {
            throw new UnsupportedSqlException("expected a field name at " + part.at() + ", found " + part);
          }
          path.add(part.text());
        }
        return new Field(path);
      }
      default -> throw new UnsupportedSqlException(t.kind() == SqlTokens.Kind.END ? "the SQL ends where a value was expected"
          : t + " at " + t.at() + " is not supported by the local stack where a value is expected");
    }
  }

  private static Value function(String name, SqlTokens.Token at, SqlTokens tokens) {
    if (!FUNCTIONS.contains(name)) {
      throw new UnsupportedSqlException("the function " + at.text() + "() is not supported by the local stack ("
          + "topic(), topic(n), clientid(), timestamp())");
    }
    Integer argument = null;
    if (name.equals("topic") && tokens.peek().kind() == SqlTokens.Kind.NUMBER) {
      String number = tokens.take().text();
      if (!number.matches("[1-9][0-9]{0,2}")) {
        throw new UnsupportedSqlException("topic(" + number + ") needs a level of 1 or more");
      }
      argument = Integer.valueOf(number);
    }
    SqlTokens.Token close = tokens.take();
    if (!close.is(")")) {
      throw new UnsupportedSqlException(at.text() + "() at " + at.at() + " takes " + (name.equals("topic")
          ? "no argument or a level number" : "no argument") + ", found " + close);
    }
    return new Function(name, argument);
  }

  /** The topic filter of its FROM clause. */
  public TopicFilter from() {
    return from;
  }

  /** What {@code message} leads to. */
  public Outcome evaluate(Message message) {
    if (!from.matches(message.topic())) {
      return new Outcome.NotSelected();
    }
    JsonNode payload = payload(message.payload());
    if (where != null && !holds(where, message, payload)) {
      return new Outcome.NotSelected();
    }
    ObjectNode event = JsonNodeFactory.instance.objectNode();
    if (star) {
      if (payload == null || !payload.isObject()) {
        return new Outcome.Unusable("the payload is not a JSON object, so SELECT * cannot make a JSON event of it"
            + " (IoT Core's Lambda action takes no binary payloads)");
      }
      event.setAll((ObjectNode) payload);
    }
    for (Item item : items) {
      JsonNode value = value(item.value(), message, payload);
      if (value == null) {
        event.remove(item.name()); // undefined: left out, and never the payload's own field instead
      } else {
        event.set(item.name(), value);
      }
    }
    return new Outcome.Matched(event);
  }

  /** The payload as JSON (an empty payload is {}), or null when it is not JSON. */
  private static JsonNode payload(byte[] bytes) {
    if (bytes.length == 0) {
      return JsonNodeFactory.instance.objectNode();
    }
    try {
      return Json.instance().mapper().readTree(bytes);
    } catch (IOException notJson) {
      return null;
    }
  }

  private static boolean holds(Condition condition, Message message, JsonNode payload) {
    return switch (condition) {
      case All(Condition l, Condition r) -> holds(l, message, payload) && holds(r, message, payload);
      case Any(Condition l, Condition r) -> holds(l, message, payload) || holds(r, message, payload);
      case Negation(Condition c) -> !holds(c, message, payload);
      case Comparison(Value l, String operator, Value r) -> compare(value(l, message, payload), operator, value(r, message, payload));
    };
  }

  /** An undefined operand, or values of different types, make any comparison false. */
  private static boolean compare(JsonNode left, String operator, JsonNode right) {
    if (left == null || right == null || left.isNull() || right.isNull()) {
      return false;
    }
    Integer order = null;
    if (left.isNumber() && right.isNumber()) {
      order = left.decimalValue().compareTo(right.decimalValue());
    } else if (left.isTextual() && right.isTextual()) {
      order = left.textValue().compareTo(right.textValue());
    } else if (left.isBoolean() && right.isBoolean()) {
      order = Boolean.compare(left.booleanValue(), right.booleanValue());
    }
    if (order == null) {
      return false;
    }
    return switch (operator) {
      case "=" -> order == 0;
      case "<>", "!=" -> order != 0;
      case "<" -> order < 0;
      case "<=" -> order <= 0;
      case ">" -> order > 0;
      default -> order >= 0;
    };
  }

  /** The value, or null when it is undefined (a missing field, a topic level past the end). */
  private static JsonNode value(Value value, Message message, JsonNode payload) {
    return switch (value) {
      case Literal(JsonNode v) -> v;
      case Field(List<String> path) -> {
        JsonNode node = payload;
        for (String part : path) {
          node = node == null || !node.isObject() ? null : node.get(part);
        }
        yield node;
      }
      case Function(String name, Integer argument) -> switch (name) {
        case "clientid" -> JsonNodeFactory.instance.textNode(message.clientId());
        case "timestamp" -> JsonNodeFactory.instance.numberNode(message.timestampMillis());
        default -> {
          if (argument == null) {
            yield JsonNodeFactory.instance.textNode(message.topic());
          }
          String[] levels = message.topic().split("/", -1);
          yield argument <= levels.length ? JsonNodeFactory.instance.textNode(levels[argument - 1]) : null;
        }
      };
    };
  }
}
