package org.labvault.dynamodb.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.labvault.dynamodb.DynamoDbException;
import org.labvault.dynamodb.expr.ExpressionContext;
import org.labvault.dynamodb.expr.Expressions;
import org.labvault.dynamodb.expr.Projection;
import org.labvault.dynamodb.expr.Update;
import org.labvault.dynamodb.table.TableMeta;
import org.labvault.dynamodb.value.AttributeValue;
import org.labvault.dynamodb.value.AttributeValueJson;
import org.labvault.dynamodb.value.ItemSize;

/**
 * TransactWriteItems and TransactGetItems. A write transaction checks every condition first and
 * then applies every change in one store write (one commit), so it is serializable with every
 * other request and all-or-nothing across a crash. A ClientRequestToken makes a repeat within
 * ten minutes answer the first result without applying anything again.
 */
public final class TransactOperations {

  static final int MAX_ITEMS = 100;
  /** The aggregate size of the items of one write transaction. */
  static final long MAX_BYTES = 4L * 1024 * 1024;
  static final long TOKEN_MILLIS = 10 * 60 * 1000;

  private final EngineState state;
  private TransactOperations(EngineState state) {
    this.state = state;
  }

  public static void register(Map<String, Operation> operations, EngineState state) {
    TransactOperations ops = new TransactOperations(state);
    operations.put("DynamoDB_20120810.TransactWriteItems", ops::transactWrite);
    operations.put("DynamoDB_20120810.TransactGetItems", ops::transactGet);
  }

  /** One action of a write transaction, parsed and validated before anything is read. */
  private record Action(String kind, TableMeta table, Map<String, AttributeValue> key, Map<String, AttributeValue> item,
      ItemOperations.WriteRequest condition, Update update) {}

  JsonNode transactWrite(ObjectNode request) {
    RequestChecks.transactWriteItems(request);
    JsonNode items = request.get("TransactItems");
    List<Action> actions = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    long bytes = 0;
    for (JsonNode entry : items) {
      Action action = parse(entry);
      String id = action.table().name() + "\u0000" + java.util.HexFormat.of().formatHex(EngineState.storeKey(action.table(), action.key()));
      if (!seen.add(id)) {
        throw DynamoDbException.validation("Transaction request cannot include multiple operations on one item");
      }
      bytes += ItemSize.of(action.item() != null ? action.item() : action.key());
      actions.add(action);
    }
    if (bytes > MAX_BYTES) {
      throw DynamoDbException.validation("Transaction request cannot include more than 4 MB of item data");
    }
    String token = Requests.text(request, "ClientRequestToken");
    String requestHash = token == null ? null : sha256(items.toString());
    return state.store().write(() -> {
      if (token != null) {
        long now = state.clock().millis();
        var tokens = state.store().requestTokens();
        tokens.entrySet().removeIf(e -> now - Long.parseLong(e.getValue().substring(e.getValue().indexOf('|') + 1)) > TOKEN_MILLIS);
        String previous = tokens.get(token);
        if (previous != null) {
          if (!previous.substring(0, previous.indexOf('|')).equals(requestHash)) {
            throw new DynamoDbException("IdempotentParameterMismatchException",
                "The request with the same client token was already used with different parameters");
          }
          return response(request, actions);
        }
      }
      List<Map<String, AttributeValue>> before = new ArrayList<>();
      List<String> reasons = new ArrayList<>();
      ArrayNode reasonNodes = Requests.NODES.arrayNode();
      boolean failed = false;
      for (Action a : actions) {
        Map<String, AttributeValue> old = state.store().get(a.table(), EngineState.storeKey(a.table(), a.key()));
        before.add(old);
        ObjectNode reason = Requests.object();
        try {
          a.condition().check(old);
          reason.put("Code", "None");
        } catch (DynamoDbException e) {
          failed = true;
          reason.put("Code", "ConditionalCheckFailed").put("Message", "The conditional request failed");
          if (e.extra() != null && e.extra().has("Item")) {
            reason.set("Item", e.extra().get("Item"));
          }
        }
        reasons.add(reason.get("Code").asText());
        reasonNodes.add(reason);
      }
      List<Map<String, AttributeValue>> after = new ArrayList<>();
      if (!failed) {
        for (int i = 0; i < actions.size(); i++) {
          Action a = actions.get(i);
          Map<String, AttributeValue> old = before.get(i);
          try {
            after.add(newItem(a, old));
          } catch (DynamoDbException e) {
            failed = true;
            ObjectNode reason = Requests.object().put("Code", "ValidationError").put("Message", e.getMessage());
            reasonNodes.set(i, reason);
            reasons.set(i, "ValidationError");
            after.add(null);
          }
        }
      }
      if (failed) {
        ObjectNode extra = Requests.object();
        extra.set("CancellationReasons", reasonNodes);
        throw new DynamoDbException("TransactionCanceledException",
            "Transaction cancelled, please refer cancellation reasons for specific reasons " + reasons, 400, extra);
      }
      for (int i = 0; i < actions.size(); i++) {
        Action a = actions.get(i);
        if (!a.kind().equals("ConditionCheck")) {
          state.apply(a.table(), before.get(i), after.get(i), false);
        }
      }
      if (token != null) {
        state.store().requestTokens().put(token, requestHash + "|" + state.clock().millis());
      }
      return response(request, actions);
    });
  }

  private static String sha256(String text) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private Map<String, AttributeValue> newItem(Action a, Map<String, AttributeValue> old) {
    return switch (a.kind()) {
      case "Put" -> a.item();
      case "Delete" -> null;
      case "ConditionCheck" -> old;
      default -> {
        Map<String, AttributeValue> start = old == null ? new LinkedHashMap<>(a.key()) : old;
        Map<String, AttributeValue> updated = a.update() == null ? start : a.update().apply(start);
        Requests.checkItem(a.table(), updated, "Item size to update has exceeded the maximum allowed size");
        yield updated;
      }
    };
  }

  private static ObjectNode response(JsonNode request, List<Action> actions) {
    ObjectNode response = Requests.object();
    String mode = Requests.text(request, "ReturnConsumedCapacity");
    if (mode != null && !mode.equals("NONE")) {
      Map<String, Double> units = new LinkedHashMap<>();
      actions.forEach(a -> units.merge(a.table().name(), 2.0, Double::sum));
      ArrayNode capacity = response.putArray("ConsumedCapacity");
      units.forEach((t, u) -> capacity.add(Capacity.consumed(mode, t, u, null)));
    }
    return response;
  }

  private Action parse(JsonNode entry) {
    String kind = null;
    JsonNode spec = null;
    for (String k : List.of("ConditionCheck", "Put", "Delete", "Update")) {
      if (entry.hasNonNull(k)) {
        if (kind != null) {
          throw DynamoDbException.validation("TransactItems can only contain one of Check, Put, Update or Delete");
        }
        kind = k;
        spec = entry.get(k);
      }
    }
    if (kind == null) {
      throw DynamoDbException.validation("TransactItems can only contain one of Check, Put, Update or Delete");
    }
    if (kind.equals("Update")) {
      RequestChecks.substitutions(spec, "UpdateExpression", "ConditionExpression");
    } else {
      RequestChecks.substitutions(spec, "ConditionExpression");
    }
    ItemOperations.WriteRequest condition = ItemOperations.WriteRequest.parse(spec, kind);
    Update update = null;
    if (kind.equals("Update")) {
      String expression = Requests.text(spec, "UpdateExpression");
      if (expression == null) {
        throw DynamoDbException.validation("1 validation error detected: Value null at"
            + " 'transactItems.1.member.update.updateExpression' failed to satisfy constraint: Member must not be null");
      }
      update = Expressions.update(expression, condition.ctx());
    }
    if (kind.equals("ConditionCheck") && condition.condition() == null) {
      throw DynamoDbException.validation("1 validation error detected: Value null at"
          + " 'transactItems.1.member.conditionCheck.conditionExpression' failed to satisfy constraint: Member must not be null");
    }
    condition.ctx().requireAllUsed();
    TableMeta table = Requests.table(state.store(), Requests.text(spec, "TableName"));
    if (kind.equals("Put")) {
      Map<String, AttributeValue> item = AttributeValueJson.readItem(spec.get("Item"));
      Requests.checkItem(table, item, "Item size has exceeded the maximum allowed size");
      return new Action(kind, table, Requests.keyOf(table, null, item), item, condition, null);
    }
    Map<String, AttributeValue> key = Requests.key(table, spec.get("Key"));
    if (update != null) {
      for (String name : update.topLevelNames()) {
        if (table.key().isKey(name)) {
          throw DynamoDbException.invalidParameter("Cannot update attribute " + name
              + ". This attribute is part of the key");
        }
      }
    }
    return new Action(kind, table, key, null, condition, update);
  }

  JsonNode transactGet(ObjectNode request) {
    RequestChecks.transactGetItems(request);
    JsonNode items = request.get("TransactItems");
    record Get(TableMeta table, Map<String, AttributeValue> key, Projection projection) {}
    List<Get> gets = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    // A key that does not fit its table cancels the transaction with a ValidationError reason for that action.
    ArrayNode reasonNodes = Requests.NODES.arrayNode();
    List<String> reasons = new ArrayList<>();
    for (JsonNode entry : items) {
      JsonNode spec = entry.get("Get");
      if (spec == null || spec.isNull()) {
        throw DynamoDbException.validation("1 validation error detected: Value null at 'transactItems.1.member.get'"
            + " failed to satisfy constraint: Member must not be null");
      }
      RequestChecks.substitutions(spec, "ProjectionExpression");
      ExpressionContext ctx = Requests.context(spec);
      Projection projection = ItemOperations.projection(spec, ctx);
      ctx.requireAllUsed();
      TableMeta table = Requests.table(state.store(), Requests.text(spec, "TableName"));
      Map<String, AttributeValue> key;
      try {
        key = Requests.key(table, spec.get("Key"));
      } catch (DynamoDbException e) {
        if (!e.type().endsWith("ValidationException")) {
          throw e;
        }
        reasons.add("ValidationError");
        reasonNodes.addObject().put("Code", "ValidationError").put("Message", e.getMessage());
        continue;
      }
      if (!seen.add(table.name() + "\u0000" + java.util.HexFormat.of().formatHex(EngineState.storeKey(table, key)))) {
        throw DynamoDbException.validation("Transaction request cannot include multiple operations on one item");
      }
      reasons.add("None");
      reasonNodes.addObject().put("Code", "None");
      gets.add(new Get(table, key, projection));
    }
    if (reasons.contains("ValidationError")) {
      ObjectNode extra = Requests.object();
      extra.set("CancellationReasons", reasonNodes);
      throw new DynamoDbException("TransactionCanceledException",
          "Transaction cancelled, please refer cancellation reasons for specific reasons " + reasons, 400, extra);
    }
    ObjectNode response = Requests.object();
    ArrayNode responses = response.putArray("Responses");
    state.store().read(() -> {
      for (Get g : gets) {
        Map<String, AttributeValue> item = state.store().get(g.table(), EngineState.storeKey(g.table(), g.key()));
        ObjectNode r = responses.addObject();
        if (item != null) {
          r.set("Item", AttributeValueJson.writeItem(g.projection() == null ? item : g.projection().apply(item)));
        }
      }
      return null;
    });
    String mode = Requests.text(request, "ReturnConsumedCapacity");
    if (mode != null && !mode.equals("NONE")) {
      Map<String, Double> units = new LinkedHashMap<>();
      gets.forEach(g -> units.merge(g.table().name(), 2.0, Double::sum));
      ArrayNode capacity = response.putArray("ConsumedCapacity");
      units.forEach((t, u) -> capacity.add(Capacity.consumed(mode, t, u, null)));
    }
    return response;
  }
}
