package org.labvault.dynamodb.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.labvault.dynamodb.DynamoDbException;
import org.labvault.dynamodb.expr.Condition;
import org.labvault.dynamodb.expr.ExpressionContext;
import org.labvault.dynamodb.expr.Expressions;
import org.labvault.dynamodb.expr.Kind;
import org.labvault.dynamodb.expr.KeyCondition;
import org.labvault.dynamodb.expr.Legacy;
import org.labvault.dynamodb.expr.Projection;
import org.labvault.dynamodb.store.Indexes;
import org.labvault.dynamodb.store.KeyCodec;
import org.labvault.dynamodb.table.IndexMeta;
import org.labvault.dynamodb.table.KeySchema;
import org.labvault.dynamodb.table.TableMeta;
import org.labvault.dynamodb.value.AttributeValue;
import org.labvault.dynamodb.value.AttributeValueJson;
import org.labvault.dynamodb.value.ItemSize;

/** Query and Scan: one page of a table or an index, in key order, with filters, projections and paging. */
public final class QueryScanOperations {

  /** A page stops after 1 MB of evaluated data. */
  static final long PAGE_BYTES = 1024 * 1024;

  private final EngineState state;

  private QueryScanOperations(EngineState state) {
    this.state = state;
  }

  public static void register(Map<String, Operation> operations, EngineState state) {
    QueryScanOperations ops = new QueryScanOperations(state);
    operations.put("DynamoDB_20120810.Query", ops::query);
    operations.put("DynamoDB_20120810.Scan", ops::scan);
  }

  JsonNode query(ObjectNode request) {
    RequestChecks.query(request);
    Common c = Common.parse(request, state, "QueryFilter");
    String keyExpression = Requests.text(request, "KeyConditionExpression");
    JsonNode keyConditions = request.get("KeyConditions");
    boolean legacyKeys = keyConditions != null && !keyConditions.isNull();
    if (keyExpression == null && !legacyKeys) {
      throw DynamoDbException.validation(
          "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
    }
    if (keyExpression != null && legacyKeys) {
      throw DynamoDbException.validation("Can not use both expression and non-expression parameters in the same"
          + " request: Non-expression parameters: {KeyConditions} Expression parameters: {KeyConditionExpression}");
    }
    KeySchema schema = c.index == null ? c.table.key() : c.index.key();
    KeyCondition keyCondition = keyExpression != null
        ? Expressions.keyCondition(keyExpression, c.ctx, schema.hash(), schema.range())
        : Legacy.keyConditions(keyConditions, schema.hash(), schema.range());
    c.parseRest(request);
    String hashType = c.table.attributeTypes().get(schema.hash());
    if (!keyCondition.hashValue().type().equals(hashType)
        || keyCondition.range() != null && keyCondition.range().value() != null
            && !keyCondition.range().value().type().equals(c.table.attributeTypes().get(schema.range()))
            && !(keyCondition.range().op() == org.labvault.dynamodb.expr.RangeCondition.Op.BEGINS_WITH)) {
      throw DynamoDbException.invalidParameter("Condition parameter type does not match schema type");
    }
    boolean forward = request.path("ScanIndexForward").asBoolean(true);
    byte[] prefix = KeyCodec.encode(keyCondition.hashValue(), null);
    return state.store().read(() -> {
      byte[] start = c.startKey();
      Iterator<Map.Entry<byte[], Map<String, AttributeValue>>> it;
      if (forward) {
        it = c.entries(start != null ? start : prefix, false);
      } else {
        it = c.entries(start != null ? start : KeyCodec.concat(prefix, new byte[] {(byte) 0xFF}), true);
      }
      Page page = new Page(c);
      while (it.hasNext()) {
        Map.Entry<byte[], Map<String, AttributeValue>> e = it.next();
        if (!KeyCodec.startsWith(e.getKey(), prefix)) {
          break;
        }
        if (start != null && Arrays.equals(e.getKey(), start)) {
          continue;
        }
        Map<String, AttributeValue> item = e.getValue();
        if (keyCondition.range() != null && !keyCondition.range().test(item.get(schema.range()))) {
          continue;
        }
        if (page.add(item)) {
          break;
        }
      }
      return page.response();
    });
  }

  JsonNode scan(ObjectNode request) {
    RequestChecks.scan(request);
    Common c = Common.parse(request, state, "ScanFilter");
    c.parseRest(request);
    JsonNode totalNode = request.get("TotalSegments");
    JsonNode segmentNode = request.get("Segment");
    if (totalNode != null && segmentNode == null) {
      throw DynamoDbException.validation(
          "The Segment parameter is required but was not present in the request when parameter TotalSegments is present");
    }
    if (segmentNode != null && totalNode == null) {
      throw DynamoDbException.validation(
          "The TotalSegments parameter is required but was not present in the request when Segment parameter is present");
    }
    int total = totalNode == null ? 1 : totalNode.asInt();
    int segment = segmentNode == null ? 0 : segmentNode.asInt();
    if (segment >= total) {
      throw DynamoDbException.validation("The Segment parameter is zero-based and must be less than parameter"
          + " TotalSegments: Segment: " + segment + " is not less than TotalSegments: " + total);
    }
    KeySchema schema = c.index == null ? c.table.key() : c.index.key();
    return state.store().read(() -> {
      byte[] start = c.startKey();
      Iterator<Map.Entry<byte[], Map<String, AttributeValue>>> it = c.entries(start, false);
      Page page = new Page(c);
      while (it.hasNext()) {
        Map.Entry<byte[], Map<String, AttributeValue>> e = it.next();
        if (start != null && Arrays.equals(e.getKey(), start)) {
          continue;
        }
        Map<String, AttributeValue> item = e.getValue();
        if (total > 1 && segmentOf(item.get(schema.hash()), total) != segment) {
          continue;
        }
        if (page.add(item)) {
          break;
        }
      }
      return page.response();
    });
  }

  /** Items are spread over segments by their partition key, as DynamoDB spreads them over partitions. */
  static int segmentOf(AttributeValue partitionKey, int total) {
    return Math.floorMod(Arrays.hashCode(KeyCodec.encode(partitionKey, null)) * 0x9E3779B1, total);
  }

  /** What Query and Scan read the same way. */
  static final class Common {
    final EngineState state;
    final TableMeta table;
    final IndexMeta index;
    final ExpressionContext ctx;
    final JsonNode request;
    final String filterName;
    Condition filter;
    Projection projection;
    String select;
    int limit;
    boolean consistent;

    private Common(EngineState state, TableMeta table, IndexMeta index, ExpressionContext ctx, JsonNode request,
        String filterName) {
      this.state = state;
      this.table = table;
      this.index = index;
      this.ctx = ctx;
      this.request = request;
      this.filterName = filterName;
    }

    static Common parse(JsonNode request, EngineState state, String legacyFilter) {
      ExpressionContext ctx = Requests.context(request);
      TableMeta table = Requests.table(state.store(), Requests.text(request, "TableName"));
      String indexName = Requests.text(request, "IndexName");
      IndexMeta index = null;
      if (indexName != null) {
        index = table.index(indexName).orElseThrow(() -> DynamoDbException.validation(
            "The table does not have the specified index: " + indexName));
      }
      boolean consistent = request.path("ConsistentRead").asBoolean(false);
      if (consistent && index != null && index.global()) {
        throw DynamoDbException.validation("Consistent reads are not supported on global secondary indexes");
      }
      Common c = new Common(state, table, index, ctx, request, legacyFilter);
      c.consistent = consistent;
      return c;
    }

    void parseRest(JsonNode request) {
      String filterExpression = Requests.text(request, "FilterExpression");
      JsonNode legacy = request.get(filterName);
      boolean hasLegacy = legacy != null && !legacy.isNull();
      if (filterExpression != null && hasLegacy) {
        throw DynamoDbException.validation("Can not use both expression and non-expression parameters in the same"
            + " request: Non-expression parameters: {" + filterName + "} Expression parameters: {FilterExpression}");
      }
      filter = filterExpression != null ? Expressions.condition(filterExpression, ctx, Kind.FILTER)
          : hasLegacy ? Legacy.filter(legacy, Requests.text(request, "ConditionalOperator")) : null;
      projection = ItemOperations.projection(request, ctx);
      ctx.requireAllUsed();
      select = Requests.text(request, "Select");
      if (select == null) {
        select = projection != null ? "SPECIFIC_ATTRIBUTES" : index != null ? "ALL_PROJECTED_ATTRIBUTES" : "ALL_ATTRIBUTES";
      } else if (projection != null && !select.equals("SPECIFIC_ATTRIBUTES")) {
        throw DynamoDbException.validation("Cannot specify the ProjectionExpression when choosing to get "
            + select);
      }
      if (select.equals("ALL_PROJECTED_ATTRIBUTES") && index == null) {
        throw DynamoDbException.validation("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
      }
      if (select.equals("ALL_ATTRIBUTES") && index != null && index.global() && !index.projectionType().equals("ALL")) {
        throw DynamoDbException.invalidParameter("Select type ALL_ATTRIBUTES is not supported for global secondary"
            + " index " + index.name() + " because its projection type is not ALL");
      }
      JsonNode limitNode = request.get("Limit");
      if (limitNode != null && !limitNode.isNull() && !(limitNode.isIntegralNumber() && limitNode.canConvertToInt())) {
        throw new DynamoDbException("com.amazon.coral.service#SerializationException", "Limit must be an integer");
      }
      limit = limitNode == null || limitNode.isNull() ? Integer.MAX_VALUE : limitNode.asInt();
    }

    /** The store key (or index key) to continue after, from ExclusiveStartKey, or null. */
    byte[] startKey() {
      JsonNode esk = request.get("ExclusiveStartKey");
      if (esk == null || esk.isNull()) {
        return null;
      }
      Map<String, AttributeValue> key = AttributeValueJson.readItem(esk);
      String invalid = "The provided starting key is invalid: The provided key element does not match the schema";
      Map<String, AttributeValue> tableKey = new LinkedHashMap<>();
      for (String name : Requests.keyNames(table.key())) {
        if (key.get(name) == null) {
          throw DynamoDbException.validation(invalid);
        }
        tableKey.put(name, key.get(name));
      }
      Requests.checkKey(table, table.key(), tableKey, invalid);
      byte[] storeKey = EngineState.storeKey(table, tableKey);
      if (index == null) {
        if (key.size() != tableKey.size()) {
          throw DynamoDbException.validation(invalid);
        }
        return storeKey;
      }
      for (String name : Requests.keyNames(index.key())) {
        if (key.get(name) == null) {
          throw DynamoDbException.validation(invalid);
        }
      }
      byte[] ik = Indexes.indexKey(table, index, key, storeKey);
      if (ik == null) {
        throw DynamoDbException.validation(invalid);
      }
      return ik;
    }

    /** Table items, or an index's entries resolved to their items, from {@code from}. */
    Iterator<Map.Entry<byte[], Map<String, AttributeValue>>> entries(byte[] from, boolean reverse) {
      if (index == null) {
        return reverse ? state.store().itemsReverse(table, from) : state.store().items(table, from);
      }
      Iterator<Map.Entry<byte[], byte[]>> entries = reverse
          ? state.store().indexEntriesReverse(table, index.name(), from)
          : state.store().indexEntries(table, index.name(), from);
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return entries.hasNext();
        }

        @Override
        public Map.Entry<byte[], Map<String, AttributeValue>> next() {
          Map.Entry<byte[], byte[]> e = entries.next();
          Map<String, AttributeValue> item = state.store().get(table, e.getValue());
          return Map.entry(e.getKey(), item == null ? Map.of() : item);
        }
      };
    }

    /** The item as the index holds it (its projection), or the whole item for the table. */
    Map<String, AttributeValue> asStored(Map<String, AttributeValue> item) {
      if (index == null || index.projectionType().equals("ALL")) {
        return item;
      }
      if (!index.global() && select.equals("ALL_ATTRIBUTES")) {
        return item; // a local index fetches the rest from the table
      }
      Map<String, AttributeValue> projected = new LinkedHashMap<>();
      for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
        String name = e.getKey();
        if (table.key().isKey(name) || index.key().isKey(name)
            || index.projectionType().equals("INCLUDE") && index.nonKeyAttributes().contains(name)) {
          projected.put(name, e.getValue());
        }
      }
      return projected;
    }
  }

  /** Collects one page: counts, the 1 MB limit, Limit, the filter, the projection, LastEvaluatedKey. */
  static final class Page {
    private final Common c;
    private final ArrayNode items = Requests.NODES.arrayNode();
    private int count;
    private int scanned;
    private long bytes;
    private Map<String, AttributeValue> last;

    Page(Common c) {
      this.c = c;
    }

    /** Evaluates one item; true when the page is full. */
    boolean add(Map<String, AttributeValue> item) {
      Map<String, AttributeValue> stored = c.asStored(item);
      scanned++;
      bytes += ItemSize.of(stored);
      last = item;
      if (c.filter == null || c.filter.test(stored)) {
        count++;
        if (!c.select.equals("COUNT")) {
          items.add(AttributeValueJson.writeItem(c.projection == null ? stored : c.projection.apply(stored)));
        }
      }
      return scanned >= c.limit || bytes >= PAGE_BYTES;
    }

    ObjectNode response() {
      ObjectNode r = Requests.object();
      if (!c.select.equals("COUNT")) {
        r.set("Items", items);
      }
      r.put("Count", count);
      r.put("ScannedCount", scanned);
      if (last != null && (scanned >= c.limit || bytes >= PAGE_BYTES)) {
        r.set("LastEvaluatedKey", AttributeValueJson.writeItem(Requests.keyOf(c.table, c.index, last)));
      }
      Capacity.add(r, c.request, c.table, Capacity.readUnits(bytes, c.consistent), c.index);
      return r;
    }
  }
}
