package org.labvault.dynamodb.ops;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.labvault.dynamodb.table.Catalog;
import org.labvault.dynamodb.table.IndexMeta;
import org.labvault.dynamodb.table.KeySchema;
import org.labvault.dynamodb.table.TableMeta;
import org.labvault.dynamodb.table.Throughput;

/**
 * A table as DescribeTable, CreateTable, UpdateTable and DeleteTable show it ({@code
 * TableDescription}). Item counts and sizes of the table come from the catalog; the catalog keeps
 * no per-index figures, so indexes show 0.
 */
public final class TableDescriptions {

  private TableDescriptions() {}

  /** The table's description; {@code status} overrides the stored status when not null. */
  public static ObjectNode describe(TableMeta t, Catalog catalog, String status) {
    ObjectNode d = TableJson.object();
    ArrayNode defs = d.putArray("AttributeDefinitions");
    for (Map.Entry<String, String> e : t.attributeTypes().entrySet()) {
      defs.addObject().put("AttributeName", e.getKey()).put("AttributeType", e.getValue());
    }
    d.put("TableName", t.name());
    d.set("KeySchema", keySchema(t.key()));
    d.put("TableStatus", status != null ? status : t.status());
    d.put("CreationDateTime", epochSeconds(t.createdAt()));
    d.set("ProvisionedThroughput", throughput(t.throughput()));
    d.put("TableSizeBytes", catalog.sizeBytes(t));
    d.put("ItemCount", catalog.itemCount(t));
    d.put("TableArn", t.arn());
    d.put("TableId", t.id());
    if (TableOperations.PAY_PER_REQUEST.equals(t.billingMode())) {
      d.putObject("BillingModeSummary").put("BillingMode", TableOperations.PAY_PER_REQUEST)
          .put("LastUpdateToPayPerRequestDateTime", epochSeconds(t.createdAt()));
    }
    if (!t.localIndexes().isEmpty()) {
      ArrayNode lsis = d.putArray("LocalSecondaryIndexes");
      for (IndexMeta i : t.localIndexes()) {
        ObjectNode n = lsis.addObject();
        n.put("IndexName", i.name());
        n.set("KeySchema", keySchema(i.key()));
        n.set("Projection", projection(i));
        n.put("IndexSizeBytes", 0L);
        n.put("ItemCount", 0L);
        n.put("IndexArn", t.arn() + "/index/" + i.name());
      }
    }
    if (!t.globalIndexes().isEmpty()) {
      ArrayNode gsis = d.putArray("GlobalSecondaryIndexes");
      for (IndexMeta i : t.globalIndexes()) {
        ObjectNode n = gsis.addObject();
        n.put("IndexName", i.name());
        n.set("KeySchema", keySchema(i.key()));
        n.set("Projection", projection(i));
        n.put("IndexStatus", i.status() == null ? "ACTIVE" : i.status());
        n.set("ProvisionedThroughput", throughput(i.throughput()));
        n.put("IndexSizeBytes", 0L);
        n.put("ItemCount", 0L);
        n.put("IndexArn", t.arn() + "/index/" + i.name());
      }
    }
    if (t.stream() != null) {
      if (t.stream().enabled()) {
        d.putObject("StreamSpecification").put("StreamEnabled", true).put("StreamViewType", t.stream().viewType());
      }
      if (t.stream().label() != null) {
        d.put("LatestStreamLabel", t.stream().label());
        d.put("LatestStreamArn", t.stream().arn());
      }
    }
    if (t.tableClass() != null) {
      d.putObject("TableClassSummary").put("TableClass", t.tableClass());
    }
    d.put("DeletionProtectionEnabled", t.deletionProtection());
    return d;
  }

  static ArrayNode keySchema(KeySchema k) {
    ArrayNode a = TableJson.NODES.arrayNode();
    a.addObject().put("AttributeName", k.hash()).put("KeyType", "HASH");
    if (k.hasRange()) {
      a.addObject().put("AttributeName", k.range()).put("KeyType", "RANGE");
    }
    return a;
  }

  static ObjectNode projection(IndexMeta i) {
    ObjectNode p = TableJson.object();
    p.put("ProjectionType", i.projectionType());
    if (!i.nonKeyAttributes().isEmpty()) {
      ArrayNode a = p.putArray("NonKeyAttributes");
      i.nonKeyAttributes().forEach(a::add);
    }
    return p;
  }

  static ObjectNode throughput(Throughput t) {
    ObjectNode p = TableJson.object();
    p.put("NumberOfDecreasesToday", 0L);
    p.put("ReadCapacityUnits", t == null ? 0L : t.read());
    p.put("WriteCapacityUnits", t == null ? 0L : t.write());
    return p;
  }

  /** Epoch seconds with a millisecond fraction, as a JSON number. */
  static BigDecimal epochSeconds(Instant at) {
    return BigDecimal.valueOf(at.toEpochMilli(), 3);
  }
}
