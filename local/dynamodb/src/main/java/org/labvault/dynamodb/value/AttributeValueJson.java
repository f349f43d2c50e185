package org.labvault.dynamodb.value;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.labvault.dynamodb.DynamoDbException;

/** The wire form of attribute values ({"S":"x"}, {"N":"1"}, ...) in both directions, with DynamoDB's checks. */
public final class AttributeValueJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private AttributeValueJson() {}

  /** An item or key map: {"name": {"S": "..."}, ...}. */
  public static Map<String, AttributeValue> readItem(JsonNode node) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return item;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      item.put(e.getKey(), read(e.getValue()));
    }
    return item;
  }

  public static AttributeValue read(JsonNode node) {
    if (node == null || !node.isObject() || node.isEmpty()) {
      throw DynamoDbException.validation(
          "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
    }
    int set = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      if (!it.next().getValue().isNull()) {
        set++;
      }
    }
    if (set == 0) {
      throw DynamoDbException.validation(
          "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
    }
    if (set > 1) {
      throw DynamoDbException.validation(
          "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
    }
    Map.Entry<String, JsonNode> e = firstNonNull(node);
    JsonNode v = e.getValue();
    requireShape(e.getKey(), v);
    return switch (e.getKey()) {
      case "S" -> new AttributeValue.S(v.asText());
      case "N" -> new AttributeValue.N(Numbers.parse(v.asText()));
      case "B" -> new AttributeValue.B(bytes(v));
      case "BOOL" -> v.asBoolean() ? AttributeValue.TRUE : AttributeValue.FALSE;
      case "NULL" -> {
        if (!v.asBoolean()) {
          throw DynamoDbException.invalidParameter("Null attribute value types must have the value of true");
        }
        yield AttributeValue.NULL;
      }
      case "L" -> {
        List<AttributeValue> values = new ArrayList<>();
        for (JsonNode m : v) {
          values.add(read(m));
        }
        yield new AttributeValue.L(values);
      }
      case "M" -> new AttributeValue.M(readItem(v));
      case "SS" -> {
        if (v.isEmpty()) {
          throw DynamoDbException.invalidParameter("An string set  may not be empty");
        }
        Set<String> values = new LinkedHashSet<>();
        List<String> input = new ArrayList<>();
        for (JsonNode m : v) {
          input.add(m.asText());
          values.add(m.asText());
        }
        requireDistinct(input, values.size());
        yield new AttributeValue.SS(values);
      }
      case "NS" -> {
        if (v.isEmpty()) {
          throw DynamoDbException.invalidParameter("An number set  may not be empty");
        }
        Set<BigDecimal> values = new LinkedHashSet<>();
        List<String> input = new ArrayList<>();
        for (JsonNode m : v) {
          input.add(m.asText());
          values.add(Numbers.normalise(Numbers.parse(m.asText())));
        }
        requireDistinct(input, values.size());
        yield new AttributeValue.NS(values);
      }
      case "BS" -> {
        if (v.isEmpty()) {
          throw DynamoDbException.invalidParameter("Binary sets should not be empty");
        }
        Set<Bytes> values = new LinkedHashSet<>();
        List<String> input = new ArrayList<>();
        for (JsonNode m : v) {
          input.add(m.asText());
          values.add(bytes(m));
        }
        requireDistinct(input, values.size());
        yield new AttributeValue.BS(values);
      }
      default -> throw DynamoDbException.validation(
          "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
    };
  }

  /**
   * The JSON type each member must have on the wire; anything else is a SerializationException,
   * as DynamoDB's protocol layer answers it, never a value quietly converted.
   */
  private static void requireShape(String type, JsonNode v) {
    boolean ok = switch (type) {
      case "S", "N", "B" -> v.isTextual();
      case "BOOL", "NULL" -> v.isBoolean();
      case "L" -> v.isArray();
      case "M" -> v.isObject();
      case "SS", "NS", "BS" -> v.isArray() && allTextual(v);
      default -> true;
    };
    if (!ok) {
      throw new DynamoDbException("com.amazon.coral.service#SerializationException",
          "Unexpected JSON type for the AttributeValue member " + type);
    }
  }

  private static boolean allTextual(JsonNode array) {
    for (JsonNode m : array) {
      if (!m.isTextual()) {
        return false;
      }
    }
    return true;
  }

  private static Map.Entry<String, JsonNode> firstNonNull(JsonNode node) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isNull()) {
        return e;
      }
    }
    throw new IllegalStateException("checked before");
  }

  private static void requireDistinct(List<String> input, int distinct) {
    if (distinct != input.size()) {
      throw DynamoDbException.invalidParameter("Input collection " + input + " contains duplicates.");
    }
  }

  private static Bytes bytes(JsonNode v) {
    try {
      return Bytes.wrap(v.isBinary() ? v.binaryValue() : Base64.getDecoder().decode(v.asText()));
    } catch (IllegalArgumentException | java.io.IOException e) {
      throw DynamoDbException.validation("Invalid Base64 value for a Binary attribute");
    }
  }

  public static ObjectNode writeItem(Map<String, AttributeValue> item) {
    ObjectNode node = NODES.objectNode();
    item.forEach((k, v) -> node.set(k, write(v)));
    return node;
  }

  public static ObjectNode write(AttributeValue value) {
    ObjectNode node = NODES.objectNode();
    switch (value) {
      case AttributeValue.S s -> node.put("S", s.value());
      case AttributeValue.N n -> node.put("N", n.text());
      case AttributeValue.B b -> node.put("B", b.value().base64());
      case AttributeValue.Bool b -> node.put("BOOL", b.value());
      case AttributeValue.Null ignored -> node.put("NULL", true);
      case AttributeValue.L l -> {
        ArrayNode a = node.putArray("L");
        l.values().forEach(v -> a.add(write(v)));
      }
      case AttributeValue.M m -> node.set("M", writeItem(m.values()));
      case AttributeValue.SS ss -> {
        ArrayNode a = node.putArray("SS");
        ss.values().forEach(a::add);
      }
      case AttributeValue.NS ns -> {
        ArrayNode a = node.putArray("NS");
        ns.values().forEach(v -> a.add(Numbers.text(v)));
      }
      case AttributeValue.BS bs -> {
        ArrayNode a = node.putArray("BS");
        bs.values().forEach(v -> a.add(v.base64()));
      }
    }
    return node;
  }
}
