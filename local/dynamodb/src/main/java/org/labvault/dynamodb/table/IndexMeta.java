package org.labvault.dynamodb.table;

import java.util.List;

/**
 * A secondary index: global (its own partition key) or local (the table's partition key, another
 * sort key). {@code projectionType} is ALL, KEYS_ONLY or INCLUDE (with {@code nonKeyAttributes}).
 */
public record IndexMeta(String name, boolean global, KeySchema key, String projectionType,
    List<String> nonKeyAttributes, Throughput throughput, String status) {

  public IndexMeta {
    nonKeyAttributes = nonKeyAttributes == null ? List.of() : List.copyOf(nonKeyAttributes);
  }
}
