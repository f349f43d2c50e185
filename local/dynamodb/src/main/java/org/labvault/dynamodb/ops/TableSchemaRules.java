package org.labvault.dynamodb.ops;

import static org.labvault.dynamodb.ops.TableJson.array;
import static org.labvault.dynamodb.ops.TableJson.number;
import static org.labvault.dynamodb.ops.TableJson.struct;
import static org.labvault.dynamodb.ops.TableJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.labvault.dynamodb.DynamoDbException;
import org.labvault.dynamodb.table.IndexMeta;
import org.labvault.dynamodb.table.KeySchema;
import org.labvault.dynamodb.table.Throughput;

/**
 * The rules on attribute definitions, key schemas, indexes and throughput shared by CreateTable
 * and UpdateTable: first the request-shape checks (reported together through {@link Violations}),
 * then the semantic checks, each failing with its own message.
 */
final class TableSchemaRules {

  static final String[] KEY_TYPES = {"HASH", "RANGE"};
  static final String[] ATTRIBUTE_TYPES = {"B", "N", "S"};
  static final String[] PROJECTION_TYPES = {"ALL", "INCLUDE", "KEYS_ONLY"};
  static final String[] BILLING_MODES = {"PROVISIONED", "PAY_PER_REQUEST"};
  static final String[] STREAM_VIEW_TYPES = {"NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY"};
  static final String[] TABLE_CLASSES = {"STANDARD", "STANDARD_INFREQUENT_ACCESS"};

  static final int MAX_LOCAL_INDEXES = 5;
  static final int MAX_GLOBAL_INDEXES = 20;
  static final int MAX_PROJECTED_ATTRIBUTES = 100;

  private TableSchemaRules() {}

  // ---------------------------------------------------------------- shape

  static void attributeDefinitionsShape(Violations v, JsonNode defs, String path) {
    v.eachMember(defs, path, (d, p) -> {
      v.required(text(d, "AttributeName"), p + ".attributeName", n -> v.length(n, p + ".attributeName", 1, 255));
      v.required(text(d, "AttributeType"), p + ".attributeType", t -> v.oneOf(t, p + ".attributeType", ATTRIBUTE_TYPES));
    });
  }

  static void keySchemaShape(Violations v, JsonNode ks, String path) {
    if (!v.notNull(ks, path)) {
      return;
    }
    v.size(ks, path, 1, 2, "KeySchemaElement");
    v.eachMember(ks, path, (e, p) -> {
      v.required(text(e, "AttributeName"), p + ".attributeName", n -> v.length(n, p + ".attributeName", 1, 255));
      v.required(text(e, "KeyType"), p + ".keyType", t -> v.oneOf(t, p + ".keyType", KEY_TYPES));
    });
  }

  static void projectionShape(Violations v, JsonNode projection, String path) {
    if (!v.notNull(projection, path)) {
      return;
    }
    v.oneOf(text(projection, "ProjectionType"), path + ".projectionType", PROJECTION_TYPES);
    JsonNode nonKey = array(projection, "NonKeyAttributes");
    v.size(nonKey, path + ".nonKeyAttributes", 1, 20);
    if (nonKey != null) {
      for (int i = 0; i < nonKey.size(); i++) {
        JsonNode a = nonKey.get(i);
        if (!a.isTextual()) {
          throw TableJson.serialization();
        }
        v.length(a.textValue(), path + ".nonKeyAttributes." + (i + 1) + ".member", 1, 255);
      }
    }
  }

  /** Read and write capacity units, both required, at least 1. */
  static void throughputShape(Violations v, JsonNode tp, String path) {
    if (tp == null) {
      return;
    }
    Long read = number(tp, "ReadCapacityUnits");
    if (v.notNull(read, path + ".readCapacityUnits")) {
      v.range(read, path + ".readCapacityUnits", 1, Long.MAX_VALUE);
    }
    Long write = number(tp, "WriteCapacityUnits");
    if (v.notNull(write, path + ".writeCapacityUnits")) {
      v.range(write, path + ".writeCapacityUnits", 1, Long.MAX_VALUE);
    }
  }

  /** Index definitions as CreateTable (both kinds) and UpdateTable's Create take them. */
  static void indexShape(Violations v, JsonNode index, String path, boolean global) {
    String name = text(index, "IndexName");
    if (v.notNull(name, path + ".indexName")) {
      v.name(name, path + ".indexName", 3, 255);
    }
    keySchemaShape(v, array(index, "KeySchema"), path + ".keySchema");
    projectionShape(v, struct(index, "Projection"), path + ".projection");
    if (global) {
      throughputShape(v, struct(index, "ProvisionedThroughput"), path + ".provisionedThroughput");
    }
  }

  static void indexesShape(Violations v, JsonNode list, String path, boolean global) {
    if (list == null) {
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      indexShape(v, list.get(i), path + "." + (i + 1) + ".member", global);
    }
  }

  // ---------------------------------------------------------------- semantics

  /** The attribute definitions in request order; a name defined twice is refused. */
  static Map<String, String> definitions(JsonNode defs) {
    Map<String, String> types = new LinkedHashMap<>();
    if (defs != null) {
      for (JsonNode d : defs) {
        String name = text(d, "AttributeName");
        if (types.containsKey(name)) {
          throw DynamoDbException.validation("Cannot have two attributes with the same name");
        }
        types.put(name, text(d, "AttributeType"));
      }
    }
    return types;
  }

  /** The order of the key elements: a HASH first, an optional RANGE second, two distinct attributes. */
  private static KeySchema keyOrder(JsonNode ks) {
    JsonNode first = ks.get(0);
    if (!"HASH".equals(text(first, "KeyType"))) {
      throw DynamoDbException.validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
    }
    String hash = text(first, "AttributeName");
    String range = null;
    if (ks.size() > 1) {
      JsonNode second = ks.get(1);
      if (!"RANGE".equals(text(second, "KeyType"))) {
        throw DynamoDbException.validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
      }
      range = text(second, "AttributeName");
      if (range.equals(hash)) {
        throw DynamoDbException.validation("Invalid KeySchema: Some index key attribute have no definition");
      }
    }
    return new KeySchema(hash, range);
  }

  /** The table's key: ordered, and each attribute defined. */
  static KeySchema tableKey(JsonNode ks, Map<String, String> defs) {
    KeySchema key = keyOrder(ks);
    if (!defs.containsKey(key.hash()) || key.hasRange() && !defs.containsKey(key.range())) {
      throw DynamoDbException.validation("Invalid KeySchema: Some index key attribute have no definition");
    }
    return key;
  }

  /** An index's key: ordered, and each attribute defined. */
  static KeySchema indexKey(JsonNode ks, Map<String, String> defs) {
    KeySchema key = keyOrder(ks);
    if (!defs.containsKey(key.hash()) || key.hasRange() && !defs.containsKey(key.range())) {
      List<String> keys = new ArrayList<>();
      keys.add(key.hash());
      if (key.hasRange()) {
        keys.add(key.range());
      }
      throw DynamoDbException.invalidParameter("Some index key attributes are not defined in AttributeDefinitions. Keys: "
          + keys + ", AttributeDefinitions: " + new ArrayList<>(defs.keySet()));
    }
    return key;
  }

  /** ProjectionType and NonKeyAttributes: INCLUDE needs them, the others forbid them. */
  static String projectionType(JsonNode projection) {
    String type = text(projection, "ProjectionType");
    if (type == null) {
      type = "ALL";
    }
    JsonNode nonKey = array(projection, "NonKeyAttributes");
    if ("INCLUDE".equals(type) && (nonKey == null || nonKey.isEmpty())) {
      throw DynamoDbException.invalidParameter("ProjectionType is INCLUDE, but NonKeyAttributes is not specified");
    }
    if (!"INCLUDE".equals(type) && nonKey != null) {
      throw DynamoDbException.invalidParameter("ProjectionType is " + type + ", but NonKeyAttributes is specified");
    }
    return type;
  }

  static List<String> nonKeyAttributes(JsonNode projection) {
    List<String> names = new ArrayList<>();
    JsonNode nonKey = array(projection, "NonKeyAttributes");
    if (nonKey != null) {
      nonKey.forEach(n -> names.add(n.textValue()));
    }
    return names;
  }

  static Throughput throughput(JsonNode tp) {
    return tp == null ? null : new Throughput(number(tp, "ReadCapacityUnits"), number(tp, "WriteCapacityUnits"));
  }

  /** A global index from its request definition, checked against the definitions and the billing mode. */
  static IndexMeta globalIndex(JsonNode index, Map<String, String> defs, boolean provisioned) {
    String name = text(index, "IndexName");
    KeySchema key = indexKey(array(index, "KeySchema"), defs);
    JsonNode projection = struct(index, "Projection");
    String type = projectionType(projection);
    JsonNode tp = struct(index, "ProvisionedThroughput");
    if (provisioned && tp == null) {
      throw DynamoDbException.invalidParameter("ProvisionedThroughput must be specified for index: " + name);
    }
    if (!provisioned && tp != null) {
      throw DynamoDbException.invalidParameter(
          "ProvisionedThroughput should not be specified for index: " + name + " when BillingMode is PAY_PER_REQUEST");
    }
    return new IndexMeta(name, true, key, type, nonKeyAttributes(projection), throughput(tp), "ACTIVE");
  }

  /** A local index: the table's partition key and a sort key of its own. */
  static IndexMeta localIndex(JsonNode index, Map<String, String> defs, KeySchema tableKey) {
    String name = text(index, "IndexName");
    KeySchema key = indexKey(array(index, "KeySchema"), defs);
    if (!key.hasRange()) {
      throw DynamoDbException.invalidParameter("Index KeySchema does not have a range key for index: " + name);
    }
    if (!key.hash().equals(tableKey.hash())) {
      throw DynamoDbException.invalidParameter("Index KeySchema does not have the same leading hash key as table KeySchema for index: "
          + name + ". index hash key: " + key.hash() + ", table hash key: " + tableKey.hash());
    }
    JsonNode projection = struct(index, "Projection");
    String type = projectionType(projection);
    return new IndexMeta(name, false, key, type, nonKeyAttributes(projection), null, "ACTIVE");
  }

  /** The total of NonKeyAttributes over all indexes is at most 100. */
  static void projectedAttributesLimit(List<IndexMeta> indexes) {
    int total = 0;
    for (IndexMeta i : indexes) {
      total += i.nonKeyAttributes().size();
    }
    if (total > MAX_PROJECTED_ATTRIBUTES) {
      throw DynamoDbException.invalidParameter(
          "The number of projected attributes in all indexes exceeds the limit of " + MAX_PROJECTED_ATTRIBUTES);
    }
  }

  /** The attributes used by a key of the table or of one of its indexes. */
  static boolean isKeyAttribute(String attribute, KeySchema tableKey, List<IndexMeta> indexes) {
    if (tableKey.isKey(attribute)) {
      return true;
    }
    for (IndexMeta i : indexes) {
      if (i.key().isKey(attribute)) {
        return true;
      }
    }
    return false;
  }
}
