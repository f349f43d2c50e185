package org.labvault.dynamodb.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.labvault.dynamodb.table.IndexMeta;
import org.labvault.dynamodb.table.KeySchema;
import org.labvault.dynamodb.table.StreamSpec;
import org.labvault.dynamodb.table.TableMeta;
import org.labvault.dynamodb.table.Throughput;

/** Table definitions as the store keeps them (JSON text in the catalog map). */
final class TableMetaCodec {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private TableMetaCodec() {}

  static String write(TableMeta t) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("name", t.name()).put("id", t.id()).put("arn", t.arn())
        .put("createdAt", t.createdAt().toEpochMilli()).put("status", t.status());
    ObjectNode types = n.putObject("attributeTypes");
    t.attributeTypes().forEach(types::put);
    n.set("key", key(t.key()));
    ArrayNode gsis = n.putArray("globalIndexes");
    t.globalIndexes().forEach(i -> gsis.add(index(i)));
    ArrayNode lsis = n.putArray("localIndexes");
    t.localIndexes().forEach(i -> lsis.add(index(i)));
    n.put("billingMode", t.billingMode());
    if (t.throughput() != null) {
      n.set("throughput", throughput(t.throughput()));
    }
    if (t.stream() != null) {
      n.putObject("stream").put("enabled", t.stream().enabled()).put("viewType", t.stream().viewType())
          .put("label", t.stream().label()).put("arn", t.stream().arn());
    }
    if (t.ttlAttribute() != null) {
      n.put("ttlAttribute", t.ttlAttribute());
    }
    ObjectNode tags = n.putObject("tags");
    t.tags().forEach(tags::put);
    n.put("deletionProtection", t.deletionProtection());
    if (t.tableClass() != null) {
      n.put("tableClass", t.tableClass());
    }
    return n.toString();
  }

  static TableMeta read(String json) {
    JsonNode n;
    try {
      n = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> types = new LinkedHashMap<>();
    n.get("attributeTypes").fields().forEachRemaining(e -> types.put(e.getKey(), e.getValue().asText()));
    List<IndexMeta> gsis = new ArrayList<>();
    n.get("globalIndexes").forEach(i -> gsis.add(index(i)));
    List<IndexMeta> lsis = new ArrayList<>();
    n.get("localIndexes").forEach(i -> lsis.add(index(i)));
    JsonNode s = n.get("stream");
    StreamSpec stream = s == null ? null
        : new StreamSpec(s.get("enabled").asBoolean(), text(s, "viewType"), text(s, "label"), text(s, "arn"));
    Map<String, String> tags = new LinkedHashMap<>();
    n.get("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
    return new TableMeta(n.get("name").asText(), n.get("id").asText(), n.get("arn").asText(),
        Instant.ofEpochMilli(n.get("createdAt").asLong()), n.get("status").asText(), types, key(n.get("key")),
        gsis, lsis, text(n, "billingMode"), throughput(n.get("throughput")), stream, text(n, "ttlAttribute"),
        tags, n.path("deletionProtection").asBoolean(false), text(n, "tableClass"));
  }

  private static ObjectNode key(KeySchema k) {
    ObjectNode n = MAPPER.createObjectNode().put("hash", k.hash());
    if (k.range() != null) {
      n.put("range", k.range());
    }
    return n;
  }

  private static KeySchema key(JsonNode n) {
    return new KeySchema(n.get("hash").asText(), text(n, "range"));
  }

  private static ObjectNode index(IndexMeta i) {
    ObjectNode n = MAPPER.createObjectNode().put("name", i.name()).put("global", i.global())
        .put("projectionType", i.projectionType()).put("status", i.status());
    n.set("key", key(i.key()));
    ArrayNode nonKey = n.putArray("nonKeyAttributes");
    i.nonKeyAttributes().forEach(nonKey::add);
    if (i.throughput() != null) {
      n.set("throughput", throughput(i.throughput()));
    }
    return n;
  }

  private static IndexMeta index(JsonNode n) {
    List<String> nonKey = new ArrayList<>();
    n.get("nonKeyAttributes").forEach(a -> nonKey.add(a.asText()));
    return new IndexMeta(n.get("name").asText(), n.get("global").asBoolean(), key(n.get("key")),
        n.get("projectionType").asText(), nonKey, throughput(n.get("throughput")), n.get("status").asText());
  }

  private static ObjectNode throughput(Throughput t) {
    return MAPPER.createObjectNode().put("read", t.read()).put("write", t.write());
  }

  private static Throughput throughput(JsonNode n) {
    return n == null || n.isNull() ? null : new Throughput(n.get("read").asLong(), n.get("write").asLong());
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
