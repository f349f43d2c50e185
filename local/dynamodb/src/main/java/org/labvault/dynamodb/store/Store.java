package org.labvault.dynamodb.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.HashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;
import org.labvault.dynamodb.table.Catalog;
import org.labvault.dynamodb.table.IndexMeta;
import org.labvault.dynamodb.table.TableMeta;
import org.labvault.dynamodb.value.AttributeValue;
import org.labvault.dynamodb.value.ItemSize;

/**
 * The engine's storage on H2's MVStore: one map for the catalog, one per table for its items (keys
 * in DynamoDB's order, see KeyCodec), one per secondary index (index key then table key, pointing
 * at the table key) and one per stream. Writes run one at a time under a lock and end with a
 * commit, so every acknowledged write is in the file (kill -9 safe) and a multi-item write is
 * all-or-nothing across a crash; reads run in parallel between writes.
 */
public final class Store implements Catalog, AutoCloseable {

  private final MVStore mv;
  private final MVMap<String, String> catalog;
  private final MVMap<String, Long> counters;
  /** The catalog as readers see it: replaced as a whole, never changed in place. */
  private volatile Map<String, TableMeta> tables = Map.of();
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);

  private Store(MVStore mv) {
    this.mv = mv;
    this.catalog = mv.openMap("catalog", new MVMap.Builder<String, String>()
        .keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE));
    this.counters = mv.openMap("counters", new MVMap.Builder<String, Long>()
        .keyType(StringDataType.INSTANCE).valueType(LongDataType.INSTANCE));
    reloadCatalog();
  }

  /** A durable store in {@code dir}, or a memory-only one when {@code dir} is null. */
  public static Store open(Path dir) {
    MVStore.Builder builder = new MVStore.Builder();
    if (dir != null) {
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      builder.fileName(dir.resolve("dynamodb.mv.db").toString()).autoCommitDisabled();
    }
    MVStore mv = builder.open();
    if (dir != null) {
      // every write is its own commit (a 4 KB chunk): dead chunks are reused after two seconds
      // rather than MVStore's default 45, or the file grows by the write rate times 45 s. The
      // retention guards against a disk that reorders writes on power loss; a killed process
      // loses nothing the operating system already holds.
      mv.setRetentionTime(2000);
    }
    return new Store(mv);
  }

  // ---- concurrency -------------------------------------------------------------------------

  /** Runs a read; many run at once, never during a write. */
  public <T> T read(Supplier<T> work) {
    lock.readLock().lock();
    try {
      return work.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Runs a write alone and commits it. If the work throws, everything it changed is rolled back
   * to the last commit, so a failed request leaves no trace.
   */
  public <T> T write(Supplier<T> work) {
    lock.writeLock().lock();
    try {
      T result;
      try {
        result = work.get();
      } catch (RuntimeException | Error e) {
        if (mv.hasUnsavedChanges()) {
          mv.rollback();
          reloadCatalog();
        }
        throw e;
      }
      mv.commit();
      return result;
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void reloadCatalog() {
    Map<String, TableMeta> fresh = new HashMap<>();
    for (Map.Entry<String, String> e : catalog.entrySet()) {
      fresh.put(e.getKey(), TableMetaCodec.read(e.getValue()));
    }
    tables = Map.copyOf(fresh);
  }

  private void publish(TableMeta table) {
    Map<String, TableMeta> next = new HashMap<>(tables);
    next.put(table.name(), table);
    tables = Map.copyOf(next);
  }

  // ---- catalog -----------------------------------------------------------------------------

  @Override
  public Optional<TableMeta> find(String name) {
    return Optional.ofNullable(name == null ? null : tables.get(name));
  }

  @Override
  public List<String> names() {
    List<String> names = new ArrayList<>(tables.keySet());
    names.sort(Comparator.comparing(n -> n.getBytes(java.nio.charset.StandardCharsets.UTF_8), java.util.Arrays::compareUnsigned));
    return names;
  }

  @Override
  public void create(TableMeta table) {
    write(() -> {
      catalog.put(table.name(), TableMetaCodec.write(table));
      publish(table);
      items(table);
      return null;
    });
  }

  @Override
  public void update(TableMeta table) {
    write(() -> {
      TableMeta old = tables.get(table.name());
      catalog.put(table.name(), TableMetaCodec.write(table));
      publish(table);
      if (old != null) {
        for (IndexMeta gone : old.globalIndexes()) {
          if (table.index(gone.name()).isEmpty()) {
            mv.removeMap(indexMapName(table, gone.name()));
          }
        }
        for (IndexMeta added : table.globalIndexes()) {
          if (old.index(added.name()).isEmpty()) {
            MVMap<byte[], byte[]> index = index(table, added.name());
            for (Iterator<Map.Entry<byte[], Map<String, AttributeValue>>> it = items(table).entrySet().iterator(); it.hasNext(); ) {
              Map.Entry<byte[], Map<String, AttributeValue>> e = it.next();
              byte[] ik = Indexes.indexKey(table, added, e.getValue(), e.getKey());
              if (ik != null) {
                index.put(ik, e.getKey());
              }
            }
          }
        }
      }
      return null;
    });
  }

  @Override
  public void delete(String name) {
    write(() -> {
      TableMeta t = tables.get(name);
      catalog.remove(name);
      Map<String, TableMeta> next = new HashMap<>(tables);
      next.remove(name);
      tables = Map.copyOf(next);
      if (t != null) {
        for (String map : new ArrayList<>(mv.getMapNames())) {
          if (map.startsWith("items/" + t.id()) || map.startsWith("index/" + t.id() + "/")
              || map.startsWith("stream/" + t.id() + "/")) {
            mv.removeMap(map);
          }
        }
      }
      return null;
    });
  }

  @Override
  public long itemCount(TableMeta table) {
    return read(() -> items(table).sizeAsLong());
  }

  @Override
  public long sizeBytes(TableMeta table) {
    return read(() -> {
      long size = 0;
      for (Map<String, AttributeValue> item : items(table).values()) {
        size += ItemSize.of(item);
      }
      return size;
    });
  }

  // ---- items -------------------------------------------------------------------------------

  public Map<String, AttributeValue> get(TableMeta table, byte[] key) {
    return items(table).get(key);
  }

  /**
   * Writes (or with {@code item} null deletes) one item and its index entries; {@code old} is
   * what the caller read under the same write. Returns false when nothing changed.
   */
  public boolean put(TableMeta table, byte[] key, Map<String, AttributeValue> old, Map<String, AttributeValue> item) {
    if (old == null && item == null || old != null && old.equals(item)) {
      return false;
    }
    MVMap<byte[], Map<String, AttributeValue>> items = items(table);
    if (item == null) {
      items.remove(key);
    } else {
      items.put(key, item);
    }
    for (IndexMeta index : table.indexes()) {
      MVMap<byte[], byte[]> map = index(table, index.name());
      byte[] before = old == null ? null : Indexes.indexKey(table, index, old, key);
      byte[] after = item == null ? null : Indexes.indexKey(table, index, item, key);
      if (before != null && (after == null || !java.util.Arrays.equals(before, after))) {
        map.remove(before);
      }
      if (after != null) {
        map.put(after, key);
      }
    }
    return true;
  }

  /** The table's items from just after {@code after} (or the first), in key order. */
  public Iterator<Map.Entry<byte[], Map<String, AttributeValue>>> items(TableMeta table, byte[] from) {
    MVMap<byte[], Map<String, AttributeValue>> map = items(table);
    Cursor<byte[], Map<String, AttributeValue>> cursor = map.cursor(from);
    return cursorIterator(cursor);
  }

  /** Index entries (index key to table key) from {@code from} on, in index order. */
  public Iterator<Map.Entry<byte[], byte[]>> indexEntries(TableMeta table, String indexName, byte[] from) {
    return cursorIterator(index(table, indexName).cursor(from));
  }

  /** Index entries backwards from {@code from} (inclusive) or from the end. */
  public Iterator<Map.Entry<byte[], byte[]>> indexEntriesReverse(TableMeta table, String indexName, byte[] from) {
    return cursorIterator(index(table, indexName).cursor(from, null, true));
  }

  public Iterator<Map.Entry<byte[], Map<String, AttributeValue>>> itemsReverse(TableMeta table, byte[] from) {
    return cursorIterator(items(table).cursor(from, null, true));
  }

  private static <K, V> Iterator<Map.Entry<K, V>> cursorIterator(Cursor<K, V> cursor) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return cursor.hasNext();
      }

      @Override
      public Map.Entry<K, V> next() {
        K k = cursor.next();
        return Map.entry(k, cursor.getValue());
      }
    };
  }

  // ---- streams and counters ----------------------------------------------------------------

  /** The next value of a named counter, starting at 1 (stream sequence numbers). */
  public long next(String counter) {
    long v = counters.getOrDefault(counter, 0L) + 1;
    counters.put(counter, v);
    return v;
  }

  /**
   * Transaction client request tokens to "request hash|time in millis", kept in the store so a
   * retry after a restart within the window is still recognised.
   */
  public MVMap<String, String> requestTokens() {
    return mv.openMap("request-tokens", new MVMap.Builder<String, String>()
        .keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE));
  }

  public MVMap<Long, String> stream(TableMeta table, String label) {
    return mv.openMap("stream/" + table.id() + "/" + label, new MVMap.Builder<Long, String>()
        .keyType(LongDataType.INSTANCE).valueType(StringDataType.INSTANCE));
  }

  /** The labels of the table's streams that still hold records (the current one and older ones). */
  public List<String> streamLabels(TableMeta table) {
    String prefix = "stream/" + table.id() + "/";
    List<String> labels = new ArrayList<>();
    for (String name : mv.getMapNames()) {
      if (name.startsWith(prefix)) {
        labels.add(name.substring(prefix.length()));
      }
    }
    labels.sort(null);
    return labels;
  }

  /** Drops a stream whose records are all gone; call inside {@link #write}. */
  public void dropStream(TableMeta table, String label) {
    mv.removeMap("stream/" + table.id() + "/" + label);
  }

  // ---- maps --------------------------------------------------------------------------------

  private MVMap<byte[], Map<String, AttributeValue>> items(TableMeta table) {
    return mv.openMap("items/" + table.id(), new MVMap.Builder<byte[], Map<String, AttributeValue>>()
        .keyType(DataTypes.KeyType.INSTANCE).valueType(DataTypes.ItemType.INSTANCE));
  }

  private MVMap<byte[], byte[]> index(TableMeta table, String indexName) {
    return mv.openMap(indexMapName(table, indexName), new MVMap.Builder<byte[], byte[]>()
        .keyType(DataTypes.KeyType.INSTANCE).valueType(DataTypes.KeyType.INSTANCE));
  }

  private static String indexMapName(TableMeta table, String indexName) {
    return "index/" + table.id() + "/" + indexName;
  }

  /**
   * Keeps the file from growing without bound: every commit appends a chunk, so live pages of
   * sparse chunks are rewritten and the space of dead chunks (older than the retention time) is
   * reused.
   */
  public void maintain() {
    if (mv.getFileStore() == null) {
      return;
    }
    write(() -> {
      mv.compact(50, 4 * 1024 * 1024);
      return null;
    });
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (!mv.isClosed()) {
        mv.close();
      }
    } finally {
      lock.writeLock().unlock();
    }
  }
}
