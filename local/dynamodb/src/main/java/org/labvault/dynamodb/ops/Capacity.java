package org.labvault.dynamodb.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.labvault.dynamodb.table.IndexMeta;
import org.labvault.dynamodb.table.TableMeta;
import org.labvault.dynamodb.value.AttributeValue;
import org.labvault.dynamodb.value.ItemSize;

/**
 * ConsumedCapacity as DynamoDB computes it: a write costs one unit per started KB of the larger of
 * the old and new item (and again for each index it touches); a read one unit per started 4 KB,
 * half for eventually consistent reads.
 */
final class Capacity {

  private Capacity() {}

  static double writeUnits(Map<String, AttributeValue> old, Map<String, AttributeValue> item) {
    long size = Math.max(old == null ? 0 : ItemSize.of(old), item == null ? 0 : ItemSize.of(item));
    return Math.max(1, Math.ceil(size / 1024.0));
  }

  static double readUnits(long bytes, boolean consistent) {
    double units = Math.max(1, Math.ceil(bytes / 4096.0));
    return consistent ? units : units / 2;
  }

  /** Adds ConsumedCapacity to a response when the request asked for it. */
  static void add(ObjectNode response, JsonNode request, TableMeta table, double units, IndexMeta index) {
    String mode = Requests.text(request, "ReturnConsumedCapacity");
    ObjectNode c = consumed(mode, table.name(), units, index);
    if (c != null) {
      response.set("ConsumedCapacity", c);
    }
  }

  static ObjectNode consumed(String mode, String tableName, double units, IndexMeta index) {
    if (mode == null || mode.equals("NONE")) {
      return null;
    }
    ObjectNode c = Requests.object();
    c.put("TableName", tableName);
    c.put("CapacityUnits", units);
    if (mode.equals("INDEXES")) {
      if (index == null) {
        c.putObject("Table").put("CapacityUnits", units);
      } else {
        c.putObject("Table").put("CapacityUnits", 0.0);
        c.putObject(index.global() ? "GlobalSecondaryIndexes" : "LocalSecondaryIndexes")
            .putObject(index.name()).put("CapacityUnits", units);
      }
    }
    return c;
  }

  /** ItemCollectionMetrics: only tables with local indexes have item collections. */
  static void addCollectionMetrics(ObjectNode response, JsonNode request, TableMeta table, Map<String, AttributeValue> key) {
    if (!"SIZE".equals(Requests.text(request, "ReturnItemCollectionMetrics")) || table.localIndexes().isEmpty()) {
      return;
    }
    response.set("ItemCollectionMetrics", collectionMetrics(table, key));
  }

  static ObjectNode collectionMetrics(TableMeta table, Map<String, AttributeValue> key) {
    ObjectNode m = Requests.object();
    m.putObject("ItemCollectionKey").set(table.key().hash(),
        org.labvault.dynamodb.value.AttributeValueJson.write(key.get(table.key().hash())));
    m.putArray("SizeEstimateRangeGB").add(0.0).add(1.0);
    return m;
  }
}
