package org.labvault.dynamodb.ops;

import java.time.Clock;
import java.util.Map;
import org.labvault.dynamodb.store.KeyCodec;
import org.labvault.dynamodb.store.Store;
import org.labvault.dynamodb.streams.StreamRecords;
import org.labvault.dynamodb.table.TableMeta;
import org.labvault.dynamodb.value.AttributeValue;

/** What the item operations share: the store, the clock and where the engine says it runs. */
public record EngineState(Store store, Clock clock, String region, String accountId) {

  /** The store key of an item or key map. */
  public static byte[] storeKey(TableMeta table, Map<String, AttributeValue> item) {
    return KeyCodec.encode(item.get(table.key().hash()),
        table.key().hasRange() ? item.get(table.key().range()) : null);
  }

  /**
   * Writes one item (or deletes it when {@code item} is null) with its index entries and stream
   * record; call inside {@code store.write}.
   */
  public void apply(TableMeta table, Map<String, AttributeValue> old, Map<String, AttributeValue> item, boolean service) {
    Map<String, AttributeValue> any = item != null ? item : old;
    if (any == null) {
      return;
    }
    byte[] key = storeKey(table, any);
    if (store.put(table, key, old, item)) {
      Map<String, AttributeValue> keyAttributes = new java.util.LinkedHashMap<>();
      keyAttributes.put(table.key().hash(), any.get(table.key().hash()));
      if (table.key().hasRange()) {
        keyAttributes.put(table.key().range(), any.get(table.key().range()));
      }
      StreamRecords.record(store, clock, region, table, keyAttributes, old, item, service);
    }
  }
}
