package org.labvault.dynamodb.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.labvault.dynamodb.DynamoDbException;
import org.labvault.dynamodb.expr.Condition;
import org.labvault.dynamodb.expr.ExpressionContext;
import org.labvault.dynamodb.expr.Expressions;
import org.labvault.dynamodb.expr.Kind;
import org.labvault.dynamodb.expr.Legacy;
import org.labvault.dynamodb.expr.Path;
import org.labvault.dynamodb.expr.Projection;
import org.labvault.dynamodb.expr.Update;
import org.labvault.dynamodb.table.TableMeta;
import org.labvault.dynamodb.value.AttributeValue;
import org.labvault.dynamodb.value.AttributeValueJson;

/** PutItem, GetItem, UpdateItem and DeleteItem. */
public final class ItemOperations {

  private final EngineState state;

  private ItemOperations(EngineState state) {
    this.state = state;
  }

  public static void register(Map<String, Operation> operations, EngineState state) {
    ItemOperations ops = new ItemOperations(state);
    operations.put("DynamoDB_20120810.PutItem", ops::putItem);
    operations.put("DynamoDB_20120810.GetItem", ops::getItem);
    operations.put("DynamoDB_20120810.UpdateItem", ops::updateItem);
    operations.put("DynamoDB_20120810.DeleteItem", ops::deleteItem);
  }

  // ---- PutItem ------------------------------------------------------------------------------

  JsonNode putItem(ObjectNode request) {
    RequestChecks.putItem(request);
    WriteRequest w = WriteRequest.parse(request, "PutItem");
    Map<String, AttributeValue> item = AttributeValueJson.readItem(request.get("Item"));
    w.ctx().requireAllUsed();
    TableMeta table = Requests.table(state.store(), Requests.text(request, "TableName"));
    Requests.checkItem(table, item, "Item size has exceeded the maximum allowed size");
    byte[] key = EngineState.storeKey(table, item);
    Map<String, AttributeValue> old = state.store().write(() -> {
      Map<String, AttributeValue> before = state.store().get(table, key);
      w.check(before);
      state.apply(table, before, item, false);
      return before;
    });
    ObjectNode response = Requests.object();
    if ("ALL_OLD".equals(w.returnValues()) && old != null) {
      response.set("Attributes", AttributeValueJson.writeItem(old));
    }
    Capacity.add(response, request, table, Capacity.writeUnits(old, item), null);
    Capacity.addCollectionMetrics(response, request, table, item);
    return response;
  }

  // ---- GetItem ------------------------------------------------------------------------------

  JsonNode getItem(ObjectNode request) {
    RequestChecks.getItem(request);
    ExpressionContext ctx = Requests.context(request);
    Projection projection = projection(request, ctx);
    ctx.requireAllUsed();
    TableMeta table = Requests.table(state.store(), Requests.text(request, "TableName"));
    Map<String, AttributeValue> key = Requests.key(table, request.get("Key"));
    Map<String, AttributeValue> item = state.store().read(() -> state.store().get(table, EngineState.storeKey(table, key)));
    ObjectNode response = Requests.object();
    if (item != null) {
      response.set("Item", AttributeValueJson.writeItem(projection == null ? item : projection.apply(item)));
    }
    boolean consistent = request.path("ConsistentRead").asBoolean(false);
    Capacity.add(response, request, table,
        Capacity.readUnits(item == null ? 0 : org.labvault.dynamodb.value.ItemSize.of(item), consistent), null);
    return response;
  }

  /** ProjectionExpression, or the legacy AttributesToGet, or null for the whole item. */
  static Projection projection(JsonNode request, ExpressionContext ctx) {
    String expression = Requests.text(request, "ProjectionExpression");
    JsonNode attributesToGet = request.get("AttributesToGet");
    if (expression != null && attributesToGet != null && !attributesToGet.isNull()) {
      throw DynamoDbException.validation("Can not use both expression and non-expression parameters in the same"
          + " request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}");
    }
    if (expression != null) {
      return Expressions.projection(expression, ctx);
    }
    if (attributesToGet != null && !attributesToGet.isNull()) {
      List<String> names = new java.util.ArrayList<>();
      attributesToGet.forEach(n -> names.add(n.asText()));
      if (names.size() != new java.util.HashSet<>(names).size()) {
        throw DynamoDbException.invalidParameter("Duplicate value in attribute name: " + names);
      }
      return Projection.of(names);
    }
    return null;
  }

  // ---- UpdateItem ---------------------------------------------------------------------------

  JsonNode updateItem(ObjectNode request) {
    RequestChecks.updateItem(request);
    String expression = Requests.text(request, "UpdateExpression");
    JsonNode attributeUpdates = request.get("AttributeUpdates");
    boolean legacyUpdate = attributeUpdates != null && !attributeUpdates.isNull();
    WriteRequest w = WriteRequest.parse(request, "UpdateItem", expression != null, legacyUpdate);
    Update update = expression != null ? Expressions.update(expression, w.ctx())
        : legacyUpdate ? Legacy.attributeUpdates(attributeUpdates) : null;
    w.ctx().requireAllUsed();
    TableMeta table = Requests.table(state.store(), Requests.text(request, "TableName"));
    Map<String, AttributeValue> key = Requests.key(table, request.get("Key"));
    if (update != null) {
      for (String name : update.topLevelNames()) {
        if (table.key().isKey(name)) {
          throw DynamoDbException.invalidParameter("Cannot update attribute " + name
              + ". This attribute is part of the key");
        }
      }
    }
    byte[] storeKey = EngineState.storeKey(table, key);
    Map<String, AttributeValue>[] result = state.store().write(() -> {
      Map<String, AttributeValue> before = state.store().get(table, storeKey);
      w.check(before);
      Map<String, AttributeValue> start = before == null ? new LinkedHashMap<>(key) : before;
      Map<String, AttributeValue> after = update == null ? new LinkedHashMap<>(start) : update.apply(start);
      Requests.checkItem(table, after, "Item size to update has exceeded the maximum allowed size");
      state.apply(table, before, after, false);
      @SuppressWarnings("unchecked")
      Map<String, AttributeValue>[] pair = new Map[] {before, after};
      return pair;
    });
    Map<String, AttributeValue> before = result[0];
    Map<String, AttributeValue> after = result[1];
    ObjectNode response = Requests.object();
    Map<String, AttributeValue> attributes = switch (w.returnValues() == null ? "NONE" : w.returnValues()) {
      case "ALL_OLD" -> before;
      case "ALL_NEW" -> after;
      case "UPDATED_OLD" -> before == null ? null : updated(before, update);
      case "UPDATED_NEW" -> updated(after, update);
      default -> null;
    };
    if (attributes != null && !attributes.isEmpty()) {
      response.set("Attributes", AttributeValueJson.writeItem(attributes));
    }
    Capacity.add(response, request, table, Capacity.writeUnits(before, after), null);
    Capacity.addCollectionMetrics(response, request, table, after);
    return response;
  }

  private static Map<String, AttributeValue> updated(Map<String, AttributeValue> item, Update update) {
    if (update == null) {
      return Map.of();
    }
    List<Path> paths = update.updatedPaths();
    return Projection.ofPaths(paths).apply(item);
  }

  // ---- DeleteItem ---------------------------------------------------------------------------

  JsonNode deleteItem(ObjectNode request) {
    RequestChecks.deleteItem(request);
    WriteRequest w = WriteRequest.parse(request, "DeleteItem");
    w.ctx().requireAllUsed();
    TableMeta table = Requests.table(state.store(), Requests.text(request, "TableName"));
    Map<String, AttributeValue> key = Requests.key(table, request.get("Key"));
    byte[] storeKey = EngineState.storeKey(table, key);
    Map<String, AttributeValue> old = state.store().write(() -> {
      Map<String, AttributeValue> before = state.store().get(table, storeKey);
      w.check(before);
      state.apply(table, before, null, false);
      return before;
    });
    ObjectNode response = Requests.object();
    if ("ALL_OLD".equals(w.returnValues()) && old != null) {
      response.set("Attributes", AttributeValueJson.writeItem(old));
    }
    Capacity.add(response, request, table, Capacity.writeUnits(old, null), null);
    Capacity.addCollectionMetrics(response, request, table, key);
    return response;
  }

  /**
   * The parts of a write request about its condition: ConditionExpression (or the legacy
   * Expected), ReturnValues and ReturnValuesOnConditionCheckFailure.
   */
  record WriteRequest(ExpressionContext ctx, Condition condition, String returnValues, boolean returnOldOnFailure) {

    static WriteRequest parse(JsonNode request, String operation) {
      return parse(request, operation, false, false);
    }

    static WriteRequest parse(JsonNode request, String operation, boolean updateExpression, boolean attributeUpdates) {
      String expression = Requests.text(request, "ConditionExpression");
      JsonNode expected = request.get("Expected");
      boolean legacy = expected != null && !expected.isNull() || attributeUpdates;
      boolean modern = expression != null || updateExpression;
      if (legacy && modern) {
        throw DynamoDbException.validation(mixedMessage(request, expression != null, updateExpression,
            expected != null && !expected.isNull(), attributeUpdates));
      }
      ExpressionContext ctx = Requests.context(request);
      if (legacy && (request.hasNonNull("ExpressionAttributeNames") || request.hasNonNull("ExpressionAttributeValues"))) {
        throw DynamoDbException.validation(
            "ExpressionAttributeNames and ExpressionAttributeValues can only be specified when using expressions");
      }
      Condition condition = expression != null ? Expressions.condition(expression, ctx, Kind.CONDITION)
          : expected != null && !expected.isNull() ? Legacy.expected(expected, Requests.text(request, "ConditionalOperator"))
          : null;
      return new WriteRequest(ctx, condition, Requests.text(request, "ReturnValues"),
          "ALL_OLD".equals(Requests.text(request, "ReturnValuesOnConditionCheckFailure")));
    }

    private static String mixedMessage(JsonNode request, boolean condition, boolean update, boolean expected, boolean updates) {
      List<String> legacy = new java.util.ArrayList<>();
      if (updates) {
        legacy.add("AttributeUpdates");
      }
      if (expected) {
        legacy.add("Expected");
      }
      List<String> modern = new java.util.ArrayList<>();
      if (update) {
        modern.add("UpdateExpression");
      }
      if (condition) {
        modern.add("ConditionExpression");
      }
      return "Can not use both expression and non-expression parameters in the same request: Non-expression"
          + " parameters: {" + String.join(", ", legacy) + "} Expression parameters: {" + String.join(", ", modern) + "}";
    }

    /** Throws ConditionalCheckFailedException unless the condition holds on {@code item}. */
    void check(Map<String, AttributeValue> item) {
      if (condition != null && !condition.test(item == null ? Map.of() : item)) {
        ObjectNode extra = null;
        if (returnOldOnFailure && item != null) {
          extra = Requests.object();
          extra.set("Item", AttributeValueJson.writeItem(item));
        }
        throw DynamoDbException.conditionalCheckFailed(extra);
      }
    }
  }
}
