package org.labvault.dynamodb.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.labvault.dynamodb.DynamoDbException;

/** Reading request members of the table operations: absent and JSON null both read as null. */
final class TableJson {

  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private TableJson() {}

  static ObjectNode object() {
    return NODES.objectNode();
  }

  /** The member, or null when absent or JSON null. */
  static JsonNode member(JsonNode parent, String field) {
    if (parent == null || !parent.isObject()) {
      return null;
    }
    JsonNode v = parent.get(field);
    return v == null || v.isNull() ? null : v;
  }

  static boolean has(JsonNode parent, String field) {
    return member(parent, field) != null;
  }

  static String text(JsonNode parent, String field) {
    JsonNode v = member(parent, field);
    if (v == null) {
      return null;
    }
    if (!v.isTextual()) {
      throw serialization();
    }
    return v.textValue();
  }

  static Boolean bool(JsonNode parent, String field) {
    JsonNode v = member(parent, field);
    if (v == null) {
      return null;
    }
    if (!v.isBoolean()) {
      throw serialization();
    }
    return v.booleanValue();
  }

  static Long number(JsonNode parent, String field) {
    JsonNode v = member(parent, field);
    if (v == null) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw serialization();
    }
    return v.longValue();
  }

  /** An array member (empty arrays included), or null. */
  static JsonNode array(JsonNode parent, String field) {
    JsonNode v = member(parent, field);
    if (v != null && !v.isArray()) {
      throw serialization();
    }
    return v;
  }

  /** An object member, or null. */
  static JsonNode struct(JsonNode parent, String field) {
    JsonNode v = member(parent, field);
    if (v != null && !v.isObject()) {
      throw serialization();
    }
    return v;
  }

  static DynamoDbException serialization() {
    return new DynamoDbException("com.amazon.coral.service#SerializationException", null, 400, null);
  }
}
