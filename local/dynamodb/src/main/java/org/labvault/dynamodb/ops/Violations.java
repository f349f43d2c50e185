package org.labvault.dynamodb.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.labvault.dynamodb.DynamoDbException;

/**
 * Collects the request-shape violations of one request, as DynamoDB reports them: each one reads
 * {@code Value '<value>' at '<member path>' failed to satisfy constraint: <constraint>}, and
 * {@link #throwIfAny()} joins them into one ValidationException, {@code 1 validation error
 * detected: ...} or {@code N validation errors detected: ...; ...}, in the order they were found.
 *
 * <p>The checks skip a null value (except {@link #notNull}), so a caller can chain them on an
 * optional member. Values are rendered the way DynamoDB prints them: strings as they are, numbers
 * in decimal, lists as {@code [a, b]}, maps as {@code {k=v}}.
 */
public final class Violations {

  /** The pattern of table and index names. */
  public static final String NAME_PATTERN = "[a-zA-Z0-9_.-]+";

  private static final Pattern NAME = Pattern.compile(NAME_PATTERN);

  private final List<String> messages = new ArrayList<>();

  // ---------------------------------------------------------------- checks

  /**
   * Runs {@code check} on each element of a list parameter with the element's path as DynamoDB
   * names it ({@code path.N.member}, counting from 1); nothing for an absent list.
   */
  public void eachMember(JsonNode list, String path, java.util.function.BiConsumer<JsonNode, String> check) {
    if (list == null) {
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      check.accept(list.get(i), path + "." + (i + 1) + ".member");
    }
  }

  /** A required member: "must not be null" when absent, else {@code check} on its value. */
  public void required(String value, String path, java.util.function.Consumer<String> check) {
    if (notNull(value, path)) {
      check.accept(value);
    }
  }

  /** "Member must not be null"; true when the value is present. */
  public boolean notNull(Object value, String path) {
    if (isNull(value)) {
      messages.add("Value null at '" + path + "' failed to satisfy constraint: Member must not be null");
      return false;
    }
    return true;
  }

  /** A table name as CreateTable takes it: the name pattern, length 3..255. */
  public void tableName(String value, String path) {
    name(value, path, 3, 255);
  }

  /**
   * A table name or table ARN, as the other operations take it: an ARN (starting {@code arn:}) of
   * at most 1024 characters, or a name of 1..255 characters matching the name pattern.
   */
  public void tableNameOrArn(String value, String path) {
    if (value == null) {
      return;
    }
    if (value.startsWith("arn:")) {
      length(value, path, 1, 1024);
    } else {
      name(value, path, 1, 255);
    }
  }

  /** A name (table, index): the name pattern (not checked on an empty value), then the length bounds. */
  public void name(String value, String path, int minLength, int maxLength) {
    if (value == null) {
      return;
    }
    if (!value.isEmpty()) {
      pattern(value, path, NAME_PATTERN, NAME);
    }
    length(value, path, minLength, maxLength);
  }

  /** "Member must satisfy regular expression pattern: ..." */
  public void pattern(String value, String path, String regex) {
    if (value != null) {
      pattern(value, path, regex, Pattern.compile(regex));
    }
  }

  private void pattern(String value, String path, String regex, Pattern compiled) {
    if (!compiled.matcher(value).matches()) {
      add(value, path, "Member must satisfy regular expression pattern: " + regex);
    }
  }

  /** String length in characters: "Member must have length greater/less than or equal to ...". */
  public void length(String value, String path, int min, int max) {
    if (value == null) {
      return;
    }
    int n = value.codePointCount(0, value.length());
    if (n < min) {
      add(value, path, "Member must have length greater than or equal to " + min);
    }
    if (n > max) {
      add(value, path, "Member must have length less than or equal to " + max);
    }
  }

  /**
   * The number of elements of a list or entries of a map: "Member must have length ...". The value
   * is rendered with {@link #render(JsonNode)}; see {@link #size(JsonNode, String, int, int, String)}
   * for a list of structures.
   */
  public void size(JsonNode value, String path, int min, int max) {
    size(value, path, min, max, null);
  }

  /** As {@link #size(JsonNode, String, int, int)}, rendering each element as a structure of {@code elementType}. */
  public void size(JsonNode value, String path, int min, int max, String elementType) {
    if (isNull(value)) {
      return;
    }
    int n = value.size();
    if (n < min || n > max) {
      String rendered = elementType == null ? render(value) : renderStructures(elementType, value);
      if (n < min) {
        add(rendered, path, "Member must have length greater than or equal to " + min);
      }
      if (n > max) {
        add(rendered, path, "Member must have length less than or equal to " + max);
      }
    }
  }

  /** A number's bounds: "Member must have value greater/less than or equal to ...". */
  public void range(Number value, String path, long min, long max) {
    if (value == null) {
      return;
    }
    if (value.doubleValue() < min) {
      add(String.valueOf(value), path, "Member must have value greater than or equal to " + min);
    }
    if (value.doubleValue() > max) {
      add(String.valueOf(value), path, "Member must have value less than or equal to " + max);
    }
  }

  /** An enum member: "Member must satisfy enum value set: [A, B, C]" (the set in the order given). */
  public void oneOf(String value, String path, String... allowed) {
    if (value == null) {
      return;
    }
    for (String a : allowed) {
      if (a.equals(value)) {
        return;
      }
    }
    add(value, path, "Member must satisfy enum value set: " + Arrays.toString(allowed));
  }

  /** Any other constraint; a null rendered value prints as {@code Value null}. */
  public void add(String renderedValue, String path, String constraint) {
    String value = renderedValue == null ? "null" : "'" + renderedValue + "'";
    messages.add("Value " + value + " at '" + path + "' failed to satisfy constraint: " + constraint);
  }

  /** A constraint reported without its value: {@code Value at '<path>' failed to satisfy constraint: ...}. */
  public void addWithoutValue(String path, String constraint) {
    messages.add("Value at '" + path + "' failed to satisfy constraint: " + constraint);
  }

  // ---------------------------------------------------------------- result

  public boolean isEmpty() {
    return messages.isEmpty();
  }

  public int count() {
    return messages.size();
  }

  public List<String> messages() {
    return List.copyOf(messages);
  }

  /** The whole message, or null when nothing was found. */
  public String message() {
    if (messages.isEmpty()) {
      return null;
    }
    int n = messages.size();
    return n + (n == 1 ? " validation error detected: " : " validation errors detected: ") + String.join("; ", messages);
  }

  /** Throws the collected violations as one ValidationException; does nothing when there are none. */
  public void throwIfAny() {
    if (!messages.isEmpty()) {
      throw DynamoDbException.validation(message());
    }
  }

  // ---------------------------------------------------------------- rendering

  /**
   * A JSON value as DynamoDB prints it in a violation: text as is, numbers and booleans in their
   * plain form, arrays as {@code [a, b]}, objects as {@code {k=v, ...}}, null as {@code null}.
   */
  public static String render(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return null;
    }
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isArray()) {
      StringBuilder b = new StringBuilder("[");
      for (int i = 0; i < value.size(); i++) {
        if (i > 0) {
          b.append(", ");
        }
        b.append(render(value.get(i)));
      }
      return b.append(']').toString();
    }
    if (value.isObject()) {
      return "{" + members(value, name -> name) + "}";
    }
    return value.asText();
  }

  /**
   * A structure as DynamoDB prints it: {@code Type(member=value, ...)}, members in lower camel case
   * in request order, for example {@code KeySchemaElement(attributeName=pk, keyType=HASH)}.
   */
  public static String renderStructure(String type, JsonNode value) {
    if (value == null || !value.isObject()) {
      return render(value);
    }
    return type + "(" + members(value, Violations::lowerCamel) + ")";
  }

  /** {@code name=value, ...} in request order, each name as {@code names} spells it. */
  private static String members(JsonNode object, java.util.function.UnaryOperator<String> names) {
    StringBuilder b = new StringBuilder();
    for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> e = fields.next();
      b.append(b.isEmpty() ? "" : ", ").append(names.apply(e.getKey())).append('=').append(render(e.getValue()));
    }
    return b.toString();
  }

  /** A list of structures: {@code [Type(...), Type(...)]}. */
  public static String renderStructures(String type, JsonNode list) {
    if (list == null || !list.isArray()) {
      return render(list);
    }
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < list.size(); i++) {
      if (i > 0) {
        b.append(", ");
      }
      b.append(renderStructure(type, list.get(i)));
    }
    return b.append(']').toString();
  }

  private static String lowerCamel(String name) {
    return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  private static boolean isNull(Object value) {
    return value == null || value instanceof JsonNode n && (n.isNull() || n.isMissingNode());
  }
}
