package org.labvault.dynamodb;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.labvault.dynamodb.ops.EngineState;
import org.labvault.dynamodb.streams.StreamRecords;
import org.labvault.dynamodb.table.TableMeta;
import org.labvault.dynamodb.value.AttributeValue;

/**
 * Time to live: removes items whose TTL attribute (a Number of epoch seconds) lies in the past, as
 * the DynamoDB service does (with a REMOVE stream record by the service), and trims stream records
 * older than 24 hours. Values more than five years in the past are ignored, as DynamoDB ignores them.
 */
final class TimeToLive {

  static final long FIVE_YEARS_SECONDS = 5L * 365 * 24 * 60 * 60;
  static final int BATCH = 500;

  private TimeToLive() {}

  static void sweep(EngineState state) {
    try {
      for (String name : state.store().names()) {
        TableMeta table = state.store().find(name).orElse(null);
        if (table == null) {
          continue;
        }
        if (table.ttlAttribute() != null) {
          expire(state, table);
        }
        state.store().write(() -> {
          for (String label : state.store().streamLabels(table)) {
            var records = state.store().stream(table, label);
            StreamRecords.trim(records, state.clock().millis());
            boolean current = table.stream() != null && label.equals(table.stream().label());
            if (!current && records.isEmpty()) {
              state.store().dropStream(table, label);
            }
          }
          return null;
        });
      }
      state.store().maintain();
    } catch (RuntimeException e) {
      System.getLogger("org.labvault.dynamodb").log(System.Logger.Level.WARNING, "TTL sweep failed", e);
    }
  }

  private static void expire(EngineState state, TableMeta table) {
    long now = state.clock().millis() / 1000;
    List<byte[]> expired = state.store().read(() -> {
      List<byte[]> keys = new ArrayList<>();
      for (Iterator<Map.Entry<byte[], Map<String, AttributeValue>>> it = state.store().items(table, null); it.hasNext(); ) {
        Map.Entry<byte[], Map<String, AttributeValue>> e = it.next();
        if (expired(e.getValue().get(table.ttlAttribute()), now)) {
          keys.add(e.getKey());
        }
      }
      return keys;
    });
    for (int i = 0; i < expired.size(); i += BATCH) {
      List<byte[]> batch = expired.subList(i, Math.min(expired.size(), i + BATCH));
      state.store().write(() -> {
        TableMeta current = state.store().find(table.name()).orElse(null);
        if (current == null || !current.id().equals(table.id()) || current.ttlAttribute() == null) {
          return null;
        }
        for (byte[] key : batch) {
          Map<String, AttributeValue> item = state.store().get(current, key);
          // checked again under the write: the item may have changed since the read
          if (item != null && expired(item.get(current.ttlAttribute()), now)) {
            state.apply(current, item, null, true);
          }
        }
        return null;
      });
    }
  }

  static boolean expired(AttributeValue value, long nowSeconds) {
    if (!(value instanceof AttributeValue.N n)) {
      return false;
    }
    BigDecimal at = n.value();
    return at.compareTo(BigDecimal.valueOf(nowSeconds)) < 0
        && at.compareTo(BigDecimal.valueOf(nowSeconds - FIVE_YEARS_SECONDS)) > 0;
  }
}
