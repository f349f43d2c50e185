package org.labvault.dynamodb.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.labvault.dynamodb.DynamoDbException;

/**
 * The request-shape checks of the item operations, in DynamoDB's order, before any table is read.
 *
 * <p>DynamoDB reports a bad table name on its own. The other members are then checked together
 * and reported in one message; a few rules that are not member constraints (an empty
 * RequestItems, expression substitutions without an expression) follow.
 */
final class RequestChecks {

  /** The enum value sets, in the order DynamoDB prints them. */
  static final String[] RETURN_VALUES = {"ALL_NEW", "UPDATED_OLD", "ALL_OLD", "NONE", "UPDATED_NEW"};
  static final String[] RETURN_CONSUMED_CAPACITY = {"INDEXES", "TOTAL", "NONE"};
  static final String[] RETURN_ITEM_COLLECTION_METRICS = {"SIZE", "NONE"};
  static final String[] SELECT = {"SPECIFIC_ATTRIBUTES", "COUNT", "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES"};
  static final String[] CONDITIONAL_OPERATOR = {"OR", "AND"};
  static final String[] RETURN_VALUES_ON_CONDITION_CHECK_FAILURE = {"ALL_OLD", "NONE"};

  private static final int MAX_GET_KEYS = BatchOperations.MAX_GET_KEYS;
  private static final int MAX_WRITES = BatchOperations.MAX_WRITES;
  private static final int MAX_TRANSACT_ITEMS = TransactOperations.MAX_ITEMS;

  private RequestChecks() {}

  // ---------------------------------------------------------------- single-item operations

  static void putItem(JsonNode r) {
    singleItemWrite(r, "Item", "item");
    oldValuesOnly(r);
    substitutions(r, "ConditionExpression");
  }

  static void getItem(JsonNode r) {
    tableName(r);
    Violations v = new Violations();
    v.oneOf(Requests.text(r, "ReturnConsumedCapacity"), "returnConsumedCapacity", RETURN_CONSUMED_CAPACITY);
    v.notNull(r.get("Key"), "key");
    attributesToGet(v, r.get("AttributesToGet"), "attributesToGet");
    v.throwIfAny();
    substitutions(r, "ProjectionExpression");
  }

  static void updateItem(JsonNode r) {
    singleItemWrite(r, "Key", "key");
    substitutions(r, "UpdateExpression", "ConditionExpression");
  }

  static void deleteItem(JsonNode r) {
    singleItemWrite(r, "Key", "key");
    oldValuesOnly(r);
    substitutions(r, "ConditionExpression");
  }

  /** The members PutItem, UpdateItem and DeleteItem share, in DynamoDB's order. */
  private static void singleItemWrite(JsonNode r, String itemMember, String itemPath) {
    tableName(r);
    Violations v = new Violations();
    v.oneOf(Requests.text(r, "ReturnConsumedCapacity"), "returnConsumedCapacity", RETURN_CONSUMED_CAPACITY);
    v.notNull(r.get(itemMember), itemPath);
    v.oneOf(Requests.text(r, "ReturnValues"), "returnValues", RETURN_VALUES);
    v.oneOf(Requests.text(r, "ReturnItemCollectionMetrics"), "returnItemCollectionMetrics", RETURN_ITEM_COLLECTION_METRICS);
    v.oneOf(Requests.text(r, "ConditionalOperator"), "conditionalOperator", CONDITIONAL_OPERATOR);
    v.oneOf(Requests.text(r, "ReturnValuesOnConditionCheckFailure"), "returnValuesOnConditionCheckFailure",
        RETURN_VALUES_ON_CONDITION_CHECK_FAILURE);
    v.throwIfAny();
  }

  // ---------------------------------------------------------------- Query and Scan

  static void query(JsonNode r) {
    tableName(r);
    Violations v = new Violations();
    v.oneOf(Requests.text(r, "Select"), "select", SELECT);
    v.name(Requests.text(r, "IndexName"), "indexName", 3, 255);
    v.oneOf(Requests.text(r, "ReturnConsumedCapacity"), "returnConsumedCapacity", RETURN_CONSUMED_CAPACITY);
    v.oneOf(Requests.text(r, "ConditionalOperator"), "conditionalOperator", CONDITIONAL_OPERATOR);
    attributesToGet(v, r.get("AttributesToGet"), "attributesToGet");
    v.throwIfAny();
    // Query reports its Limit apart from the member constraints, by name and without the value.
    Long limit = number(r.get("Limit"));
    if (limit != null && limit < 1) {
      Violations l = new Violations();
      l.addWithoutValue("Limit", "Member must have value greater than or equal to 1");
      l.throwIfAny();
    }
    if ("SPECIFIC_ATTRIBUTES".equals(Requests.text(r, "Select")) && !hasProjection(r)) {
      throw DynamoDbException.validation("1 validation error detected: " + SPECIFIC_WITHOUT_PROJECTION);
    }
    substitutions(r, "KeyConditionExpression", "FilterExpression", "ProjectionExpression");
  }

  static void scan(JsonNode r) {
    tableName(r);
    Violations v = new Violations();
    v.oneOf(Requests.text(r, "Select"), "select", SELECT);
    v.name(Requests.text(r, "IndexName"), "indexName", 3, 255);
    v.range(number(r.get("TotalSegments")), "totalSegments", 1, 1_000_000);
    v.oneOf(Requests.text(r, "ReturnConsumedCapacity"), "returnConsumedCapacity", RETURN_CONSUMED_CAPACITY);
    v.oneOf(Requests.text(r, "ConditionalOperator"), "conditionalOperator", CONDITIONAL_OPERATOR);
    attributesToGet(v, r.get("AttributesToGet"), "attributesToGet");
    v.range(number(r.get("Segment")), "segment", 0, 999_999);
    Long limit = number(r.get("Limit"));
    if (limit != null && limit < 1) {
      v.add(String.valueOf(limit), "limit", "Member must have value greater than or equal to 1");
    }
    v.throwIfAny();
    if ("SPECIFIC_ATTRIBUTES".equals(Requests.text(r, "Select")) && !hasProjection(r)) {
      throw DynamoDbException.validation(SPECIFIC_WITHOUT_PROJECTION);
    }
    substitutions(r, "FilterExpression", "ProjectionExpression");
  }

  private static final String SPECIFIC_WITHOUT_PROJECTION =
      "Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES";

  private static boolean hasProjection(JsonNode r) {
    return r.hasNonNull("ProjectionExpression") || r.hasNonNull("AttributesToGet");
  }

  // ---------------------------------------------------------------- batches

  static void batchGetItem(JsonNode r) {
    JsonNode items = r.get("RequestItems");
    Violations v = new Violations();
    v.notNull(items, "requestItems");
    v.oneOf(Requests.text(r, "ReturnConsumedCapacity"), "returnConsumedCapacity", RETURN_CONSUMED_CAPACITY);
    v.throwIfAny();
    if (items.isEmpty()) {
      throw DynamoDbException.validation("The requestItems parameter is required for BatchGetItem");
    }
    Violations keys = new Violations();
    for (Iterator<Map.Entry<String, JsonNode>> it = items.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode k = e.getValue().get("Keys");
      String path = "RequestItems." + e.getKey() + ".member.Keys";
      if (k == null || k.isNull()) {
        keys.notNull(null, path);
      } else if (k.size() > MAX_GET_KEYS) {
        keys.addWithoutValue(path, "Member must have length less than or equal to " + MAX_GET_KEYS);
      } else if (k.isEmpty()) {
        keys.addWithoutValue(path, "Member must have length greater than or equal to 1");
      }
    }
    keys.throwIfAny();
  }

  static void batchWriteItem(JsonNode r) {
    JsonNode items = r.get("RequestItems");
    Violations v = new Violations();
    if (v.notNull(items, "requestItems")) {
      for (JsonNode list : items) {
        if (list.size() < 1 || list.size() > MAX_WRITES) {
          v.add(renderWrites(items), "requestItems", "Map value must satisfy constraint: [Member must have length"
              + " less than or equal to " + MAX_WRITES + ", Member must have length greater than or equal to 1]");
          break;
        }
      }
    }
    v.oneOf(Requests.text(r, "ReturnConsumedCapacity"), "returnConsumedCapacity", RETURN_CONSUMED_CAPACITY);
    v.oneOf(Requests.text(r, "ReturnItemCollectionMetrics"), "returnItemCollectionMetrics", RETURN_ITEM_COLLECTION_METRICS);
    v.throwIfAny();
    if (items.isEmpty()) {
      throw DynamoDbException.validation("The requestItems parameter is required for BatchWriteItem");
    }
  }

  /** RequestItems of a BatchWriteItem as DynamoDB prints it: {@code {table=[WriteRequest(...), ...]}}. */
  private static String renderWrites(JsonNode items) {
    StringBuilder b = new StringBuilder("{");
    boolean first = true;
    for (Iterator<Map.Entry<String, JsonNode>> it = items.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!first) {
        b.append(", ");
      }
      first = false;
      b.append(e.getKey()).append('=').append(Violations.renderStructures("WriteRequest", e.getValue()));
    }
    return b.append('}').toString();
  }

  // ---------------------------------------------------------------- transactions

  static void transactWriteItems(JsonNode r) {
    Violations v = new Violations();
    transactItems(v, r.get("TransactItems"));
    v.oneOf(Requests.text(r, "ReturnConsumedCapacity"), "returnConsumedCapacity", RETURN_CONSUMED_CAPACITY);
    v.oneOf(Requests.text(r, "ReturnItemCollectionMetrics"), "returnItemCollectionMetrics", RETURN_ITEM_COLLECTION_METRICS);
    v.length(Requests.text(r, "ClientRequestToken"), "clientRequestToken", 1, 36);
    v.throwIfAny();
  }

  static void transactGetItems(JsonNode r) {
    Violations v = new Violations();
    transactItems(v, r.get("TransactItems"));
    v.oneOf(Requests.text(r, "ReturnConsumedCapacity"), "returnConsumedCapacity", RETURN_CONSUMED_CAPACITY);
    v.throwIfAny();
  }

  private static void transactItems(Violations v, JsonNode items) {
    if (v.notNull(items, "transactItems")) {
      if (items.isEmpty()) {
        v.add("[]", "transactItems", "Member must have length greater than or equal to 1");
      } else if (items.size() > MAX_TRANSACT_ITEMS) {
        v.add(items.toString(), "transactItems", "Member must have length less than or equal to " + MAX_TRANSACT_ITEMS);
      }
    }
  }

  // ---------------------------------------------------------------- shared rules

  /**
   * TableName, checked and reported on its own: not null, then a table ARN of at most 1024
   * characters or a name of 1..255 characters matching the name pattern.
   */
  private static void tableName(JsonNode r) {
    Violations v = new Violations();
    String name = Requests.text(r, "TableName");
    if (v.notNull(name, "tableName")) {
      v.tableNameOrArn(name, "tableName");
    }
    v.throwIfAny();
  }

  private static void attributesToGet(Violations v, JsonNode attributes, String path) {
    if (attributes != null && attributes.isArray() && attributes.isEmpty()) {
      v.size(attributes, path, 1, Integer.MAX_VALUE);
    }
  }

  /** PutItem and DeleteItem can only return the old item. */
  private static void oldValuesOnly(JsonNode r) {
    String rv = Requests.text(r, "ReturnValues");
    if (rv != null && !rv.equals("NONE") && !rv.equals("ALL_OLD")) {
      throw DynamoDbException.validation("ReturnValues can only be ALL_OLD or NONE");
    }
  }

  /**
   * ExpressionAttributeNames and ExpressionAttributeValues need an expression to be used in: when
   * none of the request's expression parameters is present they are refused, the names first.
   */
  static void substitutions(JsonNode r, String... expressions) {
    for (String e : expressions) {
      if (r.hasNonNull(e)) {
        return;
      }
    }
    if (r.hasNonNull("ExpressionAttributeNames")) {
      throw DynamoDbException.validation("ExpressionAttributeNames can only be specified when using expressions");
    }
    if (r.hasNonNull("ExpressionAttributeValues")) {
      List<String> names = new ArrayList<>(List.of(expressions));
      String joined = names.size() == 1 ? names.get(0)
          : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
      throw DynamoDbException.validation("ExpressionAttributeValues can only be specified when using expressions: "
          + joined + (names.size() == 1 ? " is null" : " are null"));
    }
  }

  /** A whole number from the request, or null when absent or not a number. */
  private static Long number(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isNumber()) {
      return n.longValue();
    }
    if (n.isTextual()) {
      try {
        return Long.parseLong(n.textValue().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }
}
