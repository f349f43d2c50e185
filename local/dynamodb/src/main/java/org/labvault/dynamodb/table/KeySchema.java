package org.labvault.dynamodb.table;

import java.util.Map;

/** A table's or an index's key: the partition (HASH) attribute and the optional sort (RANGE) attribute. */
public record KeySchema(String hash, String range) {

  public boolean hasRange() {
    return range != null;
  }

  public boolean isKey(String attribute) {
    return attribute.equals(hash) || attribute.equals(range);
  }

  /** The key attributes' types, from the table's attribute definitions. */
  public String hashType(Map<String, String> attributeTypes) {
    return attributeTypes.get(hash);
  }

  public String rangeType(Map<String, String> attributeTypes) {
    return range == null ? null : attributeTypes.get(range);
  }
}
