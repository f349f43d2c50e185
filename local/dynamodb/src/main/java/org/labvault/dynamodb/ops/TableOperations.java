package org.labvault.dynamodb.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.labvault.dynamodb.DynamoDbException;
import org.labvault.dynamodb.table.Catalog;
import org.labvault.dynamodb.table.IndexMeta;
import org.labvault.dynamodb.table.KeySchema;
import org.labvault.dynamodb.table.StreamSpec;
import org.labvault.dynamodb.table.TableMeta;

/** Placeholder table operations until the full ones land. */
public final class TableOperations {
  private TableOperations() {}

  public static void register(Map<String, Operation> ops, Catalog catalog, Clock clock, String region, String account) {
    ops.put("DynamoDB_20120810.CreateTable", r -> {
      String name = r.get("TableName").asText();
      if (catalog.find(name).isPresent()) {
        throw DynamoDbException.resourceInUse("Table already exists: " + name);
      }
      Map<String, String> types = new LinkedHashMap<>();
      r.get("AttributeDefinitions").forEach(a -> types.put(a.get("AttributeName").asText(), a.get("AttributeType").asText()));
      List<IndexMeta> gsis = new ArrayList<>();
      r.path("GlobalSecondaryIndexes").forEach(g -> gsis.add(new IndexMeta(g.get("IndexName").asText(), true,
          key(g.get("KeySchema")), g.path("Projection").path("ProjectionType").asText("ALL"), List.of(), null, "ACTIVE")));
      List<IndexMeta> lsis = new ArrayList<>();
      r.path("LocalSecondaryIndexes").forEach(g -> lsis.add(new IndexMeta(g.get("IndexName").asText(), false,
          key(g.get("KeySchema")), g.path("Projection").path("ProjectionType").asText("ALL"), List.of(), null, "ACTIVE")));
      String arn = "arn:aws:dynamodb:" + region + ":" + account + ":table/" + name;
      StreamSpec stream = null;
      if (r.path("StreamSpecification").path("StreamEnabled").asBoolean(false)) {
        String label = java.time.LocalDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC).toString();
        stream = new StreamSpec(true, r.path("StreamSpecification").path("StreamViewType").asText(), label, arn + "/stream/" + label);
      }
      TableMeta t = new TableMeta(name, UUID.randomUUID().toString(), arn, Instant.now(clock), "ACTIVE", types,
          key(r.get("KeySchema")), gsis, lsis, "PAY_PER_REQUEST", null, stream, null, Map.of(), false, null);
      catalog.create(t);
      ObjectNode out = Requests.object();
      out.putObject("TableDescription").put("TableName", name).put("TableStatus", "ACTIVE");
      return out;
    });
    ops.put("DynamoDB_20120810.UpdateTimeToLive", r -> {
      TableMeta t = Requests.table(catalog, r.get("TableName").asText());
      JsonNode spec = r.get("TimeToLiveSpecification");
      catalog.update(t.toBuilder().ttlAttribute(spec.get("Enabled").asBoolean() ? spec.get("AttributeName").asText() : null).build());
      ObjectNode out = Requests.object();
      out.set("TimeToLiveSpecification", spec);
      return out;
    });
  }

  private static KeySchema key(JsonNode schema) {
    String hash = null;
    String range = null;
    for (JsonNode k : schema) {
      if (k.get("KeyType").asText().equals("HASH")) {
        hash = k.get("AttributeName").asText();
      } else {
        range = k.get("AttributeName").asText();
      }
    }
    return new KeySchema(hash, range);
  }
}
