package org.labvault.dynamodb.table;

import java.util.List;
import java.util.Optional;

/** The tables of an engine, as the table operations see them; the store implements it. */
public interface Catalog {

  Optional<TableMeta> find(String name);

  /** All table names, in DynamoDB's order (ascending by UTF-8 bytes). */
  List<String> names();

  /** Adds a new table; a table of that name must not exist (the caller checks and reports). */
  void create(TableMeta table);

  /**
   * Replaces a table's definition (status, billing, stream, TTL, tags, indexes). A global index
   * new in {@code table} is filled from the existing items; a removed one is dropped.
   */
  void update(TableMeta table);

  /** Removes a table and all its items, index entries and stream records. */
  void delete(String name);

  /** Item count and total size in bytes, as DescribeTable reports them. */
  long itemCount(TableMeta table);

  long sizeBytes(TableMeta table);
}
