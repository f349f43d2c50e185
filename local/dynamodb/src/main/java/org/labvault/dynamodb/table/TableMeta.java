package org.labvault.dynamodb.table;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything DynamoDB knows about a table except its items. Immutable: a change makes a new one.
 *
 * @param id a unique id per table incarnation: a deleted and re-created table gets a new one, so
 *     its storage never mixes with the old table's
 * @param attributeTypes the attribute definitions in request order: name to S, N or B
 * @param throughput provisioned capacity, or null for PAY_PER_REQUEST
 * @param stream the stream specification, or null when the table never had a stream
 * @param ttlAttribute the TTL attribute while TTL is enabled, else null
 */
public record TableMeta(
    String name,
    String id,
    String arn,
    Instant createdAt,
    String status,
    Map<String, String> attributeTypes,
    KeySchema key,
    List<IndexMeta> globalIndexes,
    List<IndexMeta> localIndexes,
    String billingMode,
    Throughput throughput,
    StreamSpec stream,
    String ttlAttribute,
    Map<String, String> tags,
    boolean deletionProtection,
    String tableClass) {

  public TableMeta {
    attributeTypes = new LinkedHashMap<>(attributeTypes);
    globalIndexes = List.copyOf(globalIndexes);
    localIndexes = List.copyOf(localIndexes);
    tags = new LinkedHashMap<>(tags);
  }

  public Optional<IndexMeta> index(String indexName) {
    for (IndexMeta i : globalIndexes) {
      if (i.name().equals(indexName)) {
        return Optional.of(i);
      }
    }
    for (IndexMeta i : localIndexes) {
      if (i.name().equals(indexName)) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }

  public List<IndexMeta> indexes() {
    var all = new java.util.ArrayList<IndexMeta>(globalIndexes);
    all.addAll(localIndexes);
    return all;
  }

  public boolean streamEnabled() {
    return stream != null && stream.enabled();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Changes one or a few fields of an existing table. */
  public static final class Builder {
    private String status;
    private Map<String, String> attributeTypes;
    private List<IndexMeta> globalIndexes;
    private String billingMode;
    private Throughput throughput;
    private StreamSpec stream;
    private String ttlAttribute;
    private Map<String, String> tags;
    private boolean deletionProtection;
    private String tableClass;
    private final TableMeta base;

    private Builder(TableMeta t) {
      base = t;
      status = t.status;
      attributeTypes = t.attributeTypes;
      globalIndexes = t.globalIndexes;
      billingMode = t.billingMode;
      throughput = t.throughput;
      stream = t.stream;
      ttlAttribute = t.ttlAttribute;
      tags = t.tags;
      deletionProtection = t.deletionProtection;
      tableClass = t.tableClass;
    }

    public Builder status(String v) { status = v; return this; }
    public Builder attributeTypes(Map<String, String> v) { attributeTypes = v; return this; }
    public Builder globalIndexes(List<IndexMeta> v) { globalIndexes = v; return this; }
    public Builder billingMode(String v) { billingMode = v; return this; }
    public Builder throughput(Throughput v) { throughput = v; return this; }
    public Builder stream(StreamSpec v) { stream = v; return this; }
    public Builder ttlAttribute(String v) { ttlAttribute = v; return this; }
    public Builder tags(Map<String, String> v) { tags = v; return this; }
    public Builder deletionProtection(boolean v) { deletionProtection = v; return this; }
    public Builder tableClass(String v) { tableClass = v; return this; }

    public TableMeta build() {
      return new TableMeta(base.name, base.id, base.arn, base.createdAt, status, attributeTypes, base.key,
          globalIndexes, base.localIndexes, billingMode, throughput, stream, ttlAttribute, tags,
          deletionProtection, tableClass);
    }
  }
}
