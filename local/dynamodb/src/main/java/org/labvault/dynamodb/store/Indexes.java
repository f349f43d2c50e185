package org.labvault.dynamodb.store;

import java.util.Map;
import org.labvault.dynamodb.table.IndexMeta;
import org.labvault.dynamodb.table.TableMeta;
import org.labvault.dynamodb.value.AttributeValue;

/** Index keys of items: an item is in an index only when it has the index's key attributes (sparse indexes). */
public final class Indexes {

  private Indexes() {}

  /** The item's key in the index (index key values, then the table key), or null when it is not in the index. */
  public static byte[] indexKey(TableMeta table, IndexMeta index, Map<String, AttributeValue> item, byte[] tableKey) {
    AttributeValue hash = item.get(index.key().hash());
    if (hash == null || !hash.type().equals(table.attributeTypes().get(index.key().hash()))) {
      return null;
    }
    AttributeValue range = null;
    if (index.key().range() != null) {
      range = item.get(index.key().range());
      if (range == null || !range.type().equals(table.attributeTypes().get(index.key().range()))) {
        return null;
      }
    }
    return KeyCodec.concat(KeyCodec.encode(hash, range), tableKey);
  }
}
