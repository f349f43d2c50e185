package org.labvault.dynamodb.table;

/** A table's or an index's key: the partition (HASH) attribute and the optional sort (RANGE) attribute. */
public record KeySchema(String hash, String range) {

  public boolean hasRange() {
    return range != null;
  }

  public boolean isKey(String attribute) {
    return attribute.equals(hash) || attribute.equals(range);
  }
}
