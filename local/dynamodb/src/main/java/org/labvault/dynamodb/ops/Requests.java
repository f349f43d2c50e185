package org.labvault.dynamodb.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.labvault.dynamodb.DynamoDbException;
import org.labvault.dynamodb.expr.ExpressionContext;
import org.labvault.dynamodb.table.Catalog;
import org.labvault.dynamodb.table.IndexMeta;
import org.labvault.dynamodb.table.KeySchema;
import org.labvault.dynamodb.table.TableMeta;
import org.labvault.dynamodb.value.AttributeValue;
import org.labvault.dynamodb.value.AttributeValueJson;
import org.labvault.dynamodb.value.ItemSize;

/** What every item operation reads from its request the same way: table, key, item, expression context. */
final class Requests {

  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Requests() {}

  static String text(JsonNode request, String field) {
    JsonNode v = request.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  static TableMeta table(Catalog catalog, String name) {
    return catalog.find(name).orElseThrow(() -> DynamoDbException.resourceNotFound(
        "Requested resource not found"));
  }

  /** The request's ExpressionAttributeNames and ExpressionAttributeValues. */
  static ExpressionContext context(JsonNode request) {
    JsonNode names = request.get("ExpressionAttributeNames");
    JsonNode values = request.get("ExpressionAttributeValues");
    Map<String, String> n = null;
    if (names != null && !names.isNull()) {
      n = new LinkedHashMap<>();
      for (var it = names.fields(); it.hasNext(); ) {
        var e = it.next();
        n.put(e.getKey(), e.getValue().asText());
      }
    }
    Map<String, AttributeValue> v = null;
    if (values != null && !values.isNull()) {
      v = AttributeValueJson.readItem(values);
    }
    return new ExpressionContext(n, v);
  }

  /**
   * A Key parameter: exactly the table's key attributes with their types, else DynamoDB's
   * "The provided key element does not match the schema".
   */
  static Map<String, AttributeValue> key(TableMeta table, JsonNode keyNode) {
    Map<String, AttributeValue> key = AttributeValueJson.readItem(keyNode);
    return checkKey(table, table.key(), key, "The provided key element does not match the schema");
  }

  static Map<String, AttributeValue> checkKey(TableMeta table, KeySchema schema, Map<String, AttributeValue> key, String message) {
    int expected = schema.hasRange() ? 2 : 1;
    AttributeValue hash = key.get(schema.hash());
    AttributeValue range = schema.hasRange() ? key.get(schema.range()) : null;
    if (key.size() != expected || hash == null || schema.hasRange() && range == null
        || !hash.type().equals(table.attributeTypes().get(schema.hash()))
        || range != null && !range.type().equals(table.attributeTypes().get(schema.range()))) {
      throw DynamoDbException.validation(message);
    }
    emptyKeyValue(schema.hash(), hash);
    if (range != null) {
      emptyKeyValue(schema.range(), range);
    }
    return key;
  }

  private static void emptyKeyValue(String name, AttributeValue v) {
    if (v instanceof AttributeValue.S s && s.value().isEmpty()) {
      throw DynamoDbException.validation("One or more parameter values are not valid. The AttributeValue for a key"
          + " attribute cannot contain an empty string value. Key: " + name);
    }
    if (v instanceof AttributeValue.B b && b.value().length() == 0) {
      throw DynamoDbException.validation("One or more parameter values are not valid. The AttributeValue for a key"
          + " attribute cannot contain an empty binary value. Key: " + name);
    }
  }

  /** A whole item to store: key attributes present with their types, index keys typed, size within 400 KB. */
  static void checkItem(TableMeta table, Map<String, AttributeValue> item, String sizeMessage) {
    for (String name : keyNames(table.key())) {
      AttributeValue v = item.get(name);
      if (v == null) {
        throw DynamoDbException.invalidParameter("Missing the key " + name + " in the item");
      }
      String expected = table.attributeTypes().get(name);
      if (!v.type().equals(expected)) {
        throw DynamoDbException.invalidParameter("Type mismatch for key " + name + " expected: " + expected
            + " actual: " + v.type());
      }
      emptyKeyValue(name, v);
    }
    for (IndexMeta index : table.indexes()) {
      for (String name : keyNames(index.key())) {
        AttributeValue v = item.get(name);
        if (v == null || table.key().isKey(name)) {
          continue;
        }
        String expected = table.attributeTypes().get(name);
        if (!v.type().equals(expected)) {
          throw DynamoDbException.invalidParameter("Type mismatch for Index Key " + name + " Expected: " + expected
              + " Actual: " + v.type() + " IndexName: " + index.name());
        }
        if (v instanceof AttributeValue.S s && s.value().isEmpty()
            || v instanceof AttributeValue.B b && b.value().length() == 0) {
          throw DynamoDbException.validation("One or more parameter values are not valid. A value specified for a"
              + " secondary index key is not supported. The AttributeValue for a key attribute cannot contain an"
              + " empty " + (v instanceof AttributeValue.S ? "string" : "binary") + " value. IndexName: "
              + index.name() + ", IndexKey: " + name);
        }
      }
    }
    if (ItemSize.of(item) > ItemSize.MAX_ITEM_BYTES) {
      throw DynamoDbException.validation(sizeMessage);
    }
  }

  static java.util.List<String> keyNames(KeySchema schema) {
    return schema.hasRange() ? java.util.List.of(schema.hash(), schema.range()) : java.util.List.of(schema.hash());
  }

  /** The key part of an item (table key, plus an index's key when given). */
  static Map<String, AttributeValue> keyOf(TableMeta table, IndexMeta index, Map<String, AttributeValue> item) {
    Map<String, AttributeValue> key = new LinkedHashMap<>();
    for (String name : keyNames(table.key())) {
      key.put(name, item.get(name));
    }
    if (index != null) {
      for (String name : keyNames(index.key())) {
        if (item.get(name) != null) {
          key.put(name, item.get(name));
        }
      }
    }
    return key;
  }

  static ObjectNode object() {
    return NODES.objectNode();
  }
}
