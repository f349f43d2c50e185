package org.labvault.dynamodb.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.labvault.dynamodb.DynamoDbException;
import org.labvault.dynamodb.expr.ExpressionContext;
import org.labvault.dynamodb.expr.Projection;
import org.labvault.dynamodb.table.TableMeta;
import org.labvault.dynamodb.value.AttributeValue;
import org.labvault.dynamodb.value.AttributeValueJson;
import org.labvault.dynamodb.value.ItemSize;

/** BatchGetItem (up to 100 keys) and BatchWriteItem (up to 25 puts and deletes, applied together). */
public final class BatchOperations {

  static final int MAX_GET_KEYS = 100;
  static final int MAX_WRITES = 25;

  private final EngineState state;

  private BatchOperations(EngineState state) {
    this.state = state;
  }

  public static void register(Map<String, Operation> operations, EngineState state) {
    BatchOperations ops = new BatchOperations(state);
    operations.put("DynamoDB_20120810.BatchGetItem", ops::batchGetItem);
    operations.put("DynamoDB_20120810.BatchWriteItem", ops::batchWriteItem);
  }

  private record GetTable(TableMeta table, List<Map<String, AttributeValue>> keys, Projection projection, boolean consistent) {}

  JsonNode batchGetItem(ObjectNode request) {
    RequestChecks.batchGetItem(request);
    JsonNode requestItems = request.get("RequestItems");
    int total = 0;
    for (JsonNode t : requestItems) {
      total += t.path("Keys").size();
    }
    if (total > MAX_GET_KEYS) {
      throw DynamoDbException.validation("Too many items requested for the BatchGetItem call");
    }
    List<GetTable> tables = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = requestItems.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode spec = e.getValue();
      RequestChecks.substitutions(spec, "ProjectionExpression");
      ExpressionContext ctx = Requests.context(spec);
      Projection projection = ItemOperations.projection(spec, ctx);
      ctx.requireAllUsed();
      TableMeta table = Requests.table(state.store(), e.getKey());
      List<Map<String, AttributeValue>> keys = new ArrayList<>();
      Set<ByteBuffer> seen = new HashSet<>();
      for (JsonNode k : spec.path("Keys")) {
        Map<String, AttributeValue> key = Requests.key(table, k);
        if (!seen.add(ByteBuffer.wrap(EngineState.storeKey(table, key)))) {
          throw DynamoDbException.validation("Provided list of item keys contains duplicates");
        }
        keys.add(key);
      }
      tables.add(new GetTable(table, keys, projection, spec.path("ConsistentRead").asBoolean(false)));
    }
    ObjectNode response = Requests.object();
    ObjectNode responses = response.putObject("Responses");
    ArrayNode capacity = Requests.NODES.arrayNode();
    state.store().read(() -> {
      for (GetTable t : tables) {
        ArrayNode items = responses.putArray(t.table().name());
        long bytes = 0;
        for (Map<String, AttributeValue> key : t.keys()) {
          Map<String, AttributeValue> item = state.store().get(t.table(), EngineState.storeKey(t.table(), key));
          if (item != null) {
            bytes += ItemSize.of(item);
            items.add(AttributeValueJson.writeItem(t.projection() == null ? item : t.projection().apply(item)));
          }
        }
        ObjectNode c = Capacity.consumed(Requests.text(request, "ReturnConsumedCapacity"), t.table().name(),
            Math.max(Capacity.readUnits(bytes, t.consistent()), t.keys().size() * (t.consistent() ? 1.0 : 0.5)), null);
        if (c != null) {
          capacity.add(c);
        }
      }
      return null;
    });
    response.putObject("UnprocessedKeys");
    if (!capacity.isEmpty()) {
      response.set("ConsumedCapacity", capacity);
    }
    return response;
  }

  private record Write(TableMeta table, Map<String, AttributeValue> key, Map<String, AttributeValue> item) {}

  JsonNode batchWriteItem(ObjectNode request) {
    RequestChecks.batchWriteItem(request);
    JsonNode requestItems = request.get("RequestItems");
    int total = 0;
    for (JsonNode t : requestItems) {
      total += t.size();
    }
    if (total > MAX_WRITES) {
      throw DynamoDbException.validation("Too many items requested for the BatchWriteItem call");
    }
    List<Write> writes = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = requestItems.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      TableMeta table = Requests.table(state.store(), e.getKey());
      Set<ByteBuffer> seen = new HashSet<>();
      for (JsonNode w : e.getValue()) {
        JsonNode put = w.get("PutRequest");
        JsonNode delete = w.get("DeleteRequest");
        if ((put == null) == (delete == null)) {
          throw DynamoDbException.validation("Supplied AttributeValue has more than one datatypes set, must contain"
              + " exactly one of the supported datatypes");
        }
        Write write;
        if (put != null) {
          Map<String, AttributeValue> item = AttributeValueJson.readItem(put.get("Item"));
          Requests.checkItem(table, item, "Item size has exceeded the maximum allowed size");
          write = new Write(table, Requests.keyOf(table, null, item), item);
        } else {
          write = new Write(table, Requests.key(table, delete.get("Key")), null);
        }
        if (!seen.add(ByteBuffer.wrap(EngineState.storeKey(table, write.key())))) {
          throw DynamoDbException.validation("Provided list of item keys contains duplicates");
        }
        writes.add(write);
      }
    }
    Map<String, Double> units = new LinkedHashMap<>();
    state.store().write(() -> {
      for (Write w : writes) {
        Map<String, AttributeValue> old = state.store().get(w.table(), EngineState.storeKey(w.table(), w.key()));
        state.apply(w.table(), old, w.item(), false);
        units.merge(w.table().name(), Capacity.writeUnits(old, w.item()), Double::sum);
      }
      return null;
    });
    ObjectNode response = Requests.object();
    response.putObject("UnprocessedItems");
    ArrayNode capacity = Requests.NODES.arrayNode();
    units.forEach((table, u) -> {
      ObjectNode c = Capacity.consumed(Requests.text(request, "ReturnConsumedCapacity"), table, u, null);
      if (c != null) {
        capacity.add(c);
      }
    });
    if (!capacity.isEmpty()) {
      response.set("ConsumedCapacity", capacity);
    }
    return response;
  }
}
