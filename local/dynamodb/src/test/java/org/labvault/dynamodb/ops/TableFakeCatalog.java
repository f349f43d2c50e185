package org.labvault.dynamodb.ops;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.labvault.dynamodb.table.Catalog;
import org.labvault.dynamodb.table.TableMeta;

/** A catalog in memory, for the table operation tests; item counts and sizes are set by hand. */
final class TableFakeCatalog implements Catalog {

  final Map<String, TableMeta> tables = new LinkedHashMap<>();
  final Map<String, Long> counts = new LinkedHashMap<>();
  int updates;

  @Override
  public Optional<TableMeta> find(String name) {
    return Optional.ofNullable(tables.get(name));
  }

  @Override
  public List<String> names() {
    List<String> names = new ArrayList<>(tables.keySet());
    names.sort((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
    return names;
  }

  @Override
  public void create(TableMeta table) {
    if (tables.putIfAbsent(table.name(), table) != null) {
      throw new IllegalStateException("exists: " + table.name());
    }
  }

  @Override
  public void update(TableMeta table) {
    if (tables.replace(table.name(), table) == null) {
      throw new IllegalStateException("missing: " + table.name());
    }
    updates++;
  }

  @Override
  public void delete(String name) {
    tables.remove(name);
  }

  @Override
  public long itemCount(TableMeta table) {
    return counts.getOrDefault(table.name(), 0L);
  }

  @Override
  public long sizeBytes(TableMeta table) {
    return counts.getOrDefault(table.name(), 0L) * 10;
  }
}
