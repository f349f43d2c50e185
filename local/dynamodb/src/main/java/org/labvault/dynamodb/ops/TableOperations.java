package org.labvault.dynamodb.ops;

import static org.labvault.dynamodb.ops.TableJson.array;
import static org.labvault.dynamodb.ops.TableJson.bool;
import static org.labvault.dynamodb.ops.TableJson.has;
import static org.labvault.dynamodb.ops.TableJson.number;
import static org.labvault.dynamodb.ops.TableJson.struct;
import static org.labvault.dynamodb.ops.TableJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.labvault.dynamodb.DynamoDb;
import org.labvault.dynamodb.DynamoDbException;
import org.labvault.dynamodb.table.Catalog;
import org.labvault.dynamodb.table.IndexMeta;
import org.labvault.dynamodb.table.KeySchema;
import org.labvault.dynamodb.table.StreamSpec;
import org.labvault.dynamodb.table.TableMeta;
import org.labvault.dynamodb.table.Throughput;

/**
 * The table-level operations: CreateTable, DeleteTable, DescribeTable, ListTables, UpdateTable,
 * UpdateTimeToLive, DescribeTimeToLive, TagResource, UntagResource and ListTagsOfResource. Every
 * request is first checked for its shape (all violations reported together), then for its meaning,
 * in DynamoDB's order. Tables are ACTIVE as soon as they are created or changed.
 */
public final class TableOperations {

  public static final String PROVISIONED = "PROVISIONED";
  public static final String PAY_PER_REQUEST = "PAY_PER_REQUEST";
  static final int MAX_TAGS = 50;

  private static final DateTimeFormatter STREAM_LABEL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");

  private final Catalog catalog;
  private final Clock clock;
  private final String region;
  private final String accountId;

  private TableOperations(Catalog catalog, Clock clock, String region, String accountId) {
    this.catalog = catalog;
    this.clock = clock;
    this.region = region;
    this.accountId = accountId;
  }

  /** Adds the table operations under their full target names, for example {@code DynamoDB_20120810.CreateTable}. */
  public static void register(Map<String, Operation> operations, Catalog catalog, Clock clock, String region, String accountId) {
    TableOperations ops = new TableOperations(catalog, clock, region, accountId);
    String p = DynamoDb.DYNAMODB_PREFIX;
    operations.put(p + "CreateTable", ops::createTable);
    operations.put(p + "DeleteTable", ops::deleteTable);
    operations.put(p + "DescribeTable", ops::describeTable);
    operations.put(p + "ListTables", ops::listTables);
    operations.put(p + "UpdateTable", ops::updateTable);
    operations.put(p + "UpdateTimeToLive", ops::updateTimeToLive);
    operations.put(p + "DescribeTimeToLive", ops::describeTimeToLive);
    operations.put(p + "TagResource", ops::tagResource);
    operations.put(p + "UntagResource", ops::untagResource);
    operations.put(p + "ListTagsOfResource", ops::listTagsOfResource);
  }

  // ================================================================ CreateTable

  JsonNode createTable(ObjectNode request) {
    if (!has(request, "TableName")) {
      throw DynamoDbException.validation("The parameter 'TableName' is required but was not present in the request");
    }
    String name = text(request, "TableName");
    JsonNode defsNode = array(request, "AttributeDefinitions");
    JsonNode keyNode = array(request, "KeySchema");
    JsonNode lsiNode = array(request, "LocalSecondaryIndexes");
    JsonNode gsiNode = array(request, "GlobalSecondaryIndexes");
    String billing = text(request, "BillingMode");
    JsonNode tpNode = struct(request, "ProvisionedThroughput");
    JsonNode streamNode = struct(request, "StreamSpecification");
    JsonNode tagsNode = array(request, "Tags");
    String tableClass = text(request, "TableClass");
    Boolean protection = bool(request, "DeletionProtectionEnabled");

    Violations v = new Violations();
    v.tableName(name, "tableName");
    if (v.notNull(defsNode, "attributeDefinitions")) {
      TableSchemaRules.attributeDefinitionsShape(v, defsNode, "attributeDefinitions");
    }
    TableSchemaRules.keySchemaShape(v, keyNode, "keySchema");
    TableSchemaRules.indexesShape(v, lsiNode, "localSecondaryIndexes", false);
    TableSchemaRules.indexesShape(v, gsiNode, "globalSecondaryIndexes", true);
    v.oneOf(billing, "billingMode", TableSchemaRules.BILLING_MODES);
    TableSchemaRules.throughputShape(v, tpNode, "provisionedThroughput");
    streamShape(v, streamNode);
    tagsShape(v, tagsNode, "tags");
    v.oneOf(tableClass, "tableClass", TableSchemaRules.TABLE_CLASSES);
    v.throwIfAny();

    Map<String, String> defs = TableSchemaRules.definitions(defsNode);
    KeySchema key = TableSchemaRules.tableKey(keyNode, defs);
    boolean provisioned = !PAY_PER_REQUEST.equals(billing);
    checkBilling(provisioned, tpNode);

    Set<String> indexNames = new HashSet<>();
    List<IndexMeta> lsis = new ArrayList<>();
    if (lsiNode != null && !lsiNode.isEmpty()) {
      if (!key.hasRange()) {
        throw DynamoDbException.invalidParameter(
            "Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex");
      }
      if (lsiNode.size() > TableSchemaRules.MAX_LOCAL_INDEXES) {
        throw DynamoDbException.invalidParameter(
            "Number of LocalSecondaryIndexes exceeds per-table limit of " + TableSchemaRules.MAX_LOCAL_INDEXES);
      }
      for (JsonNode i : lsiNode) {
        lsis.add(uniquelyNamed(TableSchemaRules.localIndex(i, defs, key), indexNames));
      }
    }
    List<IndexMeta> gsis = new ArrayList<>();
    if (gsiNode != null && !gsiNode.isEmpty()) {
      if (gsiNode.size() > TableSchemaRules.MAX_GLOBAL_INDEXES) {
        throw DynamoDbException.invalidParameter(
            "GlobalSecondaryIndex count exceeds the per-table limit of " + TableSchemaRules.MAX_GLOBAL_INDEXES);
      }
      for (JsonNode i : gsiNode) {
        gsis.add(uniquelyNamed(TableSchemaRules.globalIndex(i, defs, provisioned), indexNames));
      }
    }
    List<IndexMeta> all = new ArrayList<>(lsis);
    all.addAll(gsis);
    TableSchemaRules.projectedAttributesLimit(all);
    for (String attribute : defs.keySet()) {
      if (!TableSchemaRules.isKeyAttribute(attribute, key, all)) {
        throw DynamoDbException.invalidParameter(
            "Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions");
      }
    }

    String arn = tableArn(name);
    StreamSpec stream = null;
    if (streamNode != null) {
      boolean enabled = Boolean.TRUE.equals(bool(streamNode, "StreamEnabled"));
      String viewType = text(streamNode, "StreamViewType");
      if (enabled && viewType == null) {
        throw DynamoDbException.invalidParameter("Table is being created with a stream enabled, StreamViewType must be specified");
      }
      if (!enabled && viewType != null) {
        throw DynamoDbException.invalidParameter("Table is being created with a stream disabled, UpdateViewType should not be specified");
      }
      if (enabled) {
        String label = streamLabel(null);
        stream = new StreamSpec(true, viewType, label, arn + "/stream/" + label);
      }
    }

    Map<String, String> tags = new LinkedHashMap<>();
    if (tagsNode != null) {
      addTags(tags, tagsNode);
    }

    if (catalog.find(name).isPresent()) {
      throw DynamoDbException.resourceInUse("Table already exists: " + name);
    }
    TableMeta table = new TableMeta(name, UUID.randomUUID().toString(), arn, clock.instant(), "ACTIVE", defs, key,
        gsis, lsis, provisioned ? PROVISIONED : PAY_PER_REQUEST,
        provisioned ? TableSchemaRules.throughput(tpNode) : null, stream, null, tags,
        Boolean.TRUE.equals(protection), tableClass);
    catalog.create(table);
    ObjectNode response = TableJson.object();
    response.set("TableDescription", TableDescriptions.describe(table, catalog, null));
    return response;
  }

  private static void streamShape(Violations v, JsonNode stream) {
    if (stream == null) {
      return;
    }
    v.notNull(bool(stream, "StreamEnabled"), "streamSpecification.streamEnabled");
    v.oneOf(text(stream, "StreamViewType"), "streamSpecification.streamViewType", TableSchemaRules.STREAM_VIEW_TYPES);
  }

  private static void checkBilling(boolean provisioned, JsonNode tpNode) {
    if (!provisioned && tpNode != null) {
      throw DynamoDbException.invalidParameter(
          "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
    }
    if (provisioned && tpNode == null) {
      throw DynamoDbException.invalidParameter(
          "ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
    }
  }

  // ================================================================ DescribeTable, DeleteTable, ListTables

  JsonNode describeTable(ObjectNode request) {
    TableMeta table = existingTable(request);
    ObjectNode response = TableJson.object();
    response.set("Table", TableDescriptions.describe(table, catalog, null));
    return response;
  }

  JsonNode deleteTable(ObjectNode request) {
    TableMeta table = existingTable(request);
    if (table.deletionProtection()) {
      throw DynamoDbException.validation(
          "Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.");
    }
    ObjectNode description = TableDescriptions.describe(table, catalog, "DELETING");
    catalog.delete(table.name());
    ObjectNode response = TableJson.object();
    response.set("TableDescription", description);
    return response;
  }

  JsonNode listTables(ObjectNode request) {
    String start = text(request, "ExclusiveStartTableName");
    Long limit = number(request, "Limit");
    Violations v = new Violations();
    v.tableName(start, "exclusiveStartTableName");
    v.range(limit, "limit", 1, 100);
    v.throwIfAny();
    int max = limit == null ? 100 : limit.intValue();
    byte[] startBytes = start == null ? null : start.getBytes(StandardCharsets.UTF_8);
    List<String> page = new ArrayList<>();
    boolean more = false;
    for (String name : catalog.names()) {
      if (startBytes != null && compareUtf8(name.getBytes(StandardCharsets.UTF_8), startBytes) <= 0) {
        continue;
      }
      if (page.size() == max) {
        more = true;
        break;
      }
      page.add(name);
    }
    ObjectNode response = TableJson.object();
    ArrayNode names = response.putArray("TableNames");
    page.forEach(names::add);
    if (more) {
      response.put("LastEvaluatedTableName", page.get(page.size() - 1));
    }
    return response;
  }

  private static int compareUtf8(byte[] a, byte[] b) {
    return java.util.Arrays.compareUnsigned(a, b);
  }

  // ================================================================ UpdateTable

  JsonNode updateTable(ObjectNode request) {
    String name = text(request, "TableName");
    JsonNode defsNode = array(request, "AttributeDefinitions");
    String billing = text(request, "BillingMode");
    JsonNode tpNode = struct(request, "ProvisionedThroughput");
    JsonNode streamNode = struct(request, "StreamSpecification");
    JsonNode gsiUpdates = array(request, "GlobalSecondaryIndexUpdates");
    Boolean protection = bool(request, "DeletionProtectionEnabled");
    String tableClass = text(request, "TableClass");

    Violations v = new Violations();
    if (v.notNull(name, "tableName")) {
      v.tableNameOrArn(name, "tableName");
    }
    TableSchemaRules.attributeDefinitionsShape(v, defsNode, "attributeDefinitions");
    v.oneOf(billing, "billingMode", TableSchemaRules.BILLING_MODES);
    TableSchemaRules.throughputShape(v, tpNode, "provisionedThroughput");
    streamShape(v, streamNode);
    if (gsiUpdates != null) {
      for (int i = 0; i < gsiUpdates.size(); i++) {
        String p = "globalSecondaryIndexUpdates." + (i + 1) + ".member";
        JsonNode u = gsiUpdates.get(i);
        JsonNode create = struct(u, "Create");
        JsonNode update = struct(u, "Update");
        JsonNode delete = struct(u, "Delete");
        if (create != null) {
          TableSchemaRules.indexShape(v, create, p + ".create", true);
        }
        if (update != null) {
          String n = text(update, "IndexName");
          if (v.notNull(n, p + ".update.indexName")) {
            v.name(n, p + ".update.indexName", 3, 255);
          }
          JsonNode tp = struct(update, "ProvisionedThroughput");
          if (v.notNull(tp, p + ".update.provisionedThroughput")) {
            TableSchemaRules.throughputShape(v, tp, p + ".update.provisionedThroughput");
          }
        }
        if (delete != null) {
          String n = text(delete, "IndexName");
          if (v.notNull(n, p + ".delete.indexName")) {
            v.name(n, p + ".delete.indexName", 3, 255);
          }
        }
      }
    }
    v.oneOf(tableClass, "tableClass", TableSchemaRules.TABLE_CLASSES);
    v.throwIfAny();

    boolean gsiChange = gsiUpdates != null && !gsiUpdates.isEmpty();
    if (billing == null && tpNode == null && streamNode == null && !gsiChange && protection == null && tableClass == null
        && !has(request, "SSESpecification") && !has(request, "ReplicaUpdates")) {
      throw DynamoDbException.validation("At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
          + "GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required");
    }

    TableMeta table = find(name);
    TableMeta.Builder b = table.toBuilder();

    // billing mode and capacity
    String newBilling = billing != null ? billing : table.billingMode();
    boolean provisioned = PROVISIONED.equals(newBilling);
    if (!provisioned && tpNode != null) {
      throw DynamoDbException.invalidParameter(
          "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
    }
    List<IndexMeta> gsis = new ArrayList<>(table.globalIndexes());
    if (provisioned && !PROVISIONED.equals(table.billingMode())) {
      if (tpNode == null) {
        throw DynamoDbException.invalidParameter(
            "ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
      }
      Throughput tp = TableSchemaRules.throughput(tpNode);
      gsis.replaceAll(i -> withThroughput(i, tp));
    } else if (provisioned && tpNode != null) {
      Throughput tp = TableSchemaRules.throughput(tpNode);
      if (tp.equals(table.throughput()) && streamNode == null && !gsiChange && protection == null && tableClass == null) {
        throw DynamoDbException.validation("The provisioned throughput for the table will not change. The requested value equals "
            + "the current value. Current ReadCapacityUnits provisioned for the table: " + table.throughput().read()
            + ". Requested ReadCapacityUnits: " + tp.read() + ". Current WriteCapacityUnits provisioned for the table: "
            + table.throughput().write() + ". Requested WriteCapacityUnits: " + tp.write()
            + ". Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.");
      }
    } else if (!provisioned) {
      gsis.replaceAll(i -> withThroughput(i, null));
    }
    b.billingMode(newBilling);
    b.throughput(provisioned ? (tpNode != null ? TableSchemaRules.throughput(tpNode) : table.throughput()) : null);

    // secondary indexes
    Map<String, String> defs = new LinkedHashMap<>(table.attributeTypes());
    if (defsNode != null) {
      for (JsonNode d : defsNode) {
        defs.put(text(d, "AttributeName"), text(d, "AttributeType"));
      }
    }
    if (gsiChange) {
      for (JsonNode u : gsiUpdates) {
        JsonNode create = struct(u, "Create");
        JsonNode update = struct(u, "Update");
        JsonNode delete = struct(u, "Delete");
        if (create != null) {
          String indexName = text(create, "IndexName");
          if (table.index(indexName).isPresent() || gsis.stream().anyMatch(i -> i.name().equals(indexName))) {
            throw DynamoDbException.validation("Attempting to create an index which already exists");
          }
          if (gsis.size() >= TableSchemaRules.MAX_GLOBAL_INDEXES) {
            throw DynamoDbException.invalidParameter(
                "GlobalSecondaryIndex count exceeds the per-table limit of " + TableSchemaRules.MAX_GLOBAL_INDEXES);
          }
          gsis.add(TableSchemaRules.globalIndex(create, defs, provisioned));
        } else if (update != null) {
          String indexName = text(update, "IndexName");
          int at = indexOf(gsis, indexName);
          if (at < 0) {
            throw DynamoDbException.resourceNotFound("Requested resource not found: Index: " + indexName + " not found");
          }
          if (!provisioned) {
            throw DynamoDbException.invalidParameter(
                "ProvisionedThroughput should not be specified for index: " + indexName + " when BillingMode is PAY_PER_REQUEST");
          }
          gsis.set(at, withThroughput(gsis.get(at), TableSchemaRules.throughput(struct(update, "ProvisionedThroughput"))));
        } else if (delete != null) {
          String indexName = text(delete, "IndexName");
          int at = indexOf(gsis, indexName);
          if (at < 0) {
            throw DynamoDbException.resourceNotFound("Requested resource not found: Index: " + indexName + " not found");
          }
          gsis.remove(at);
        } else {
          throw DynamoDbException.invalidParameter("One of GlobalSecondaryIndexUpdate's Create, Update or Delete is required");
        }
      }
      List<IndexMeta> all = new ArrayList<>(table.localIndexes());
      all.addAll(gsis);
      TableSchemaRules.projectedAttributesLimit(all);
    }
    // keep only the definitions some key still uses
    List<IndexMeta> all = new ArrayList<>(table.localIndexes());
    all.addAll(gsis);
    defs.keySet().removeIf(a -> !TableSchemaRules.isKeyAttribute(a, table.key(), all));
    b.attributeTypes(defs);
    b.globalIndexes(gsis);

    // stream
    boolean showDisabledStream = false;
    if (streamNode != null) {
      boolean enable = Boolean.TRUE.equals(bool(streamNode, "StreamEnabled"));
      String viewType = text(streamNode, "StreamViewType");
      if (enable) {
        if (table.streamEnabled()) {
          throw DynamoDbException.validation("Table already has an enabled stream: TableName: " + table.name());
        }
        if (viewType == null) {
          throw DynamoDbException.invalidParameter("If stream is being enabled, then StreamViewType must be specified");
        }
        String label = streamLabel(table.stream());
        b.stream(new StreamSpec(true, viewType, label, table.arn() + "/stream/" + label));
      } else {
        if (viewType != null) {
          throw DynamoDbException.invalidParameter("If stream is being disabled, then UpdateViewType must not be specified");
        }
        if (!table.streamEnabled()) {
          throw DynamoDbException.validation("Table does not have an enabled stream: TableName: " + table.name());
        }
        StreamSpec s = table.stream();
        b.stream(new StreamSpec(false, s.viewType(), s.label(), s.arn()));
        showDisabledStream = true;
      }
    }

    if (protection != null) {
      b.deletionProtection(protection);
    }
    if (tableClass != null) {
      b.tableClass(tableClass);
    }
    TableMeta updated = b.status("ACTIVE").build();
    catalog.update(updated);
    ObjectNode description = TableDescriptions.describe(updated, catalog, null);
    if (showDisabledStream) {
      description.putObject("StreamSpecification").put("StreamEnabled", false);
    }
    ObjectNode response = TableJson.object();
    response.set("TableDescription", description);
    return response;
  }

  private static IndexMeta withThroughput(IndexMeta i, Throughput tp) {
    return new IndexMeta(i.name(), i.global(), i.key(), i.projectionType(), i.nonKeyAttributes(), tp, i.status());
  }

  private static int indexOf(List<IndexMeta> indexes, String name) {
    for (int i = 0; i < indexes.size(); i++) {
      if (indexes.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The current time as a stream label; never the same as the previous stream's label. */
  private String streamLabel(StreamSpec previous) {
    java.time.Instant now = clock.instant();
    String label = STREAM_LABEL.format(LocalDateTime.ofInstant(now, ZoneOffset.UTC));
    while (previous != null && label.equals(previous.label())) {
      now = now.plusMillis(1);
      label = STREAM_LABEL.format(LocalDateTime.ofInstant(now, ZoneOffset.UTC));
    }
    return label;
  }

  // ================================================================ Time to live

  JsonNode updateTimeToLive(ObjectNode request) {
    String name = text(request, "TableName");
    JsonNode spec = struct(request, "TimeToLiveSpecification");
    Violations v = new Violations();
    if (v.notNull(name, "tableName")) {
      v.tableNameOrArn(name, "tableName");
    }
    String attribute = null;
    Boolean enabled = null;
    if (v.notNull(spec, "timeToLiveSpecification")) {
      attribute = text(spec, "AttributeName");
      enabled = bool(spec, "Enabled");
      if (v.notNull(attribute, "timeToLiveSpecification.attributeName")) {
        v.length(attribute, "timeToLiveSpecification.attributeName", 1, 255);
      }
      v.notNull(enabled, "timeToLiveSpecification.enabled");
    }
    v.throwIfAny();
    TableMeta table = find(name);
    if (enabled) {
      if (table.ttlAttribute() != null) {
        throw DynamoDbException.validation("TimeToLive is already enabled");
      }
      catalog.update(table.toBuilder().ttlAttribute(attribute).build());
    } else {
      if (table.ttlAttribute() == null) {
        throw DynamoDbException.validation("TimeToLive is already disabled");
      }
      catalog.update(table.toBuilder().ttlAttribute(null).build());
    }
    ObjectNode response = TableJson.object();
    response.putObject("TimeToLiveSpecification").put("AttributeName", attribute).put("Enabled", enabled);
    return response;
  }

  JsonNode describeTimeToLive(ObjectNode request) {
    TableMeta table = existingTable(request);
    ObjectNode response = TableJson.object();
    ObjectNode d = response.putObject("TimeToLiveDescription");
    if (table.ttlAttribute() != null) {
      d.put("TimeToLiveStatus", "ENABLED").put("AttributeName", table.ttlAttribute());
    } else {
      d.put("TimeToLiveStatus", "DISABLED");
    }
    return response;
  }

  // ================================================================ Tags

  JsonNode tagResource(ObjectNode request) {
    String arn = text(request, "ResourceArn");
    JsonNode tags = array(request, "Tags");
    Violations v = new Violations();
    if (v.notNull(arn, "resourceArn")) {
      v.length(arn, "resourceArn", 1, 1283);
    }
    if (v.notNull(tags, "tags")) {
      tagsShape(v, tags, "tags");
    }
    v.throwIfAny();
    TableMeta table = tableByArn(arn, "TagResource");
    Map<String, String> merged = new LinkedHashMap<>(table.tags());
    addTags(merged, tags);
    catalog.update(table.toBuilder().tags(merged).build());
    return TableJson.object();
  }

  JsonNode untagResource(ObjectNode request) {
    String arn = text(request, "ResourceArn");
    JsonNode keys = array(request, "TagKeys");
    Violations v = new Violations();
    if (v.notNull(arn, "resourceArn")) {
      v.length(arn, "resourceArn", 1, 1283);
    }
    if (v.notNull(keys, "tagKeys")) {
      for (int i = 0; i < keys.size(); i++) {
        JsonNode k = keys.get(i);
        if (!k.isTextual()) {
          throw TableJson.serialization();
        }
        v.length(k.textValue(), "tagKeys." + (i + 1) + ".member", 1, 128);
      }
    }
    v.throwIfAny();
    TableMeta table = tableByArn(arn, "UntagResource");
    Map<String, String> remaining = new LinkedHashMap<>(table.tags());
    keys.forEach(k -> remaining.remove(k.textValue()));
    catalog.update(table.toBuilder().tags(remaining).build());
    return TableJson.object();
  }

  JsonNode listTagsOfResource(ObjectNode request) {
    String arn = text(request, "ResourceArn");
    Violations v = new Violations();
    if (v.notNull(arn, "resourceArn")) {
      v.length(arn, "resourceArn", 1, 1283);
    }
    v.throwIfAny();
    TableMeta table = tableByArn(arn, "ListTagsOfResource");
    ObjectNode response = TableJson.object();
    ArrayNode tags = response.putArray("Tags");
    table.tags().forEach((k, val) -> tags.addObject().put("Key", k).put("Value", val));
    return response;
  }

  /** Index names are unique across a table's local and global indexes. */
  private static IndexMeta uniquelyNamed(IndexMeta index, Set<String> namesSoFar) {
    if (!namesSoFar.add(index.name())) {
      throw DynamoDbException.invalidParameter("Duplicate index name: " + index.name());
    }
    return index;
  }

  private static void tagsShape(Violations v, JsonNode tags, String path) {
    v.eachMember(tags, path, (t, p) -> {
      v.required(text(t, "Key"), p + ".key", k -> v.length(k, p + ".key", 1, 128));
      v.required(text(t, "Value"), p + ".value", val -> v.length(val, p + ".value", 0, 256));
    });
  }

  private static void addTags(Map<String, String> into, JsonNode tags) {
    for (JsonNode t : tags) {
      into.put(text(t, "Key"), text(t, "Value"));
    }
    if (into.size() > MAX_TAGS) {
      throw DynamoDbException.validation("One or more parameter values were invalid: The number of tags exceeds the limit of " + MAX_TAGS);
    }
  }

  /** The table an ARN names: a malformed ARN is invalid, another account's is denied, an unknown table is not found. */
  private TableMeta tableByArn(String arn, String action) {
    String[] parts = arn.split(":", 6);
    if (parts.length != 6 || !parts[0].equals("arn") || parts[1].isEmpty() || !parts[2].equals("dynamodb")
        || parts[3].isEmpty() || parts[4].isEmpty() || !parts[5].startsWith("table/") || parts[5].length() == "table/".length()) {
      throw DynamoDbException.validation("Invalid TableArn: Invalid ResourceArn provided as input " + arn);
    }
    if (!parts[4].equals(accountId)) {
      throw new DynamoDbException("com.amazon.coral.service#AccessDeniedException", "User: arn:aws:iam::" + accountId
          + ":root is not authorized to perform: dynamodb:" + action + " on resource: " + arn
          + " because no resource-based policy allows the dynamodb:" + action + " action", 400, null);
    }
    String name = parts[5].substring("table/".length());
    return catalog.find(name)
        .filter(t -> t.arn().equals(arn))
        .orElseThrow(() -> DynamoDbException.resourceNotFound("Requested resource not found: ResourcArn: " + arn + " not found"));
  }

  // ================================================================ common

  /** The table a request's TableName (a name or a table ARN) names, after the shape checks. */
  private TableMeta existingTable(ObjectNode request) {
    String name = text(request, "TableName");
    Violations v = new Violations();
    if (v.notNull(name, "tableName")) {
      v.tableNameOrArn(name, "tableName");
    }
    v.throwIfAny();
    return find(name);
  }

  private TableMeta find(String nameOrArn) {
    String name = nameOrArn;
    String prefix = "arn:aws:dynamodb:" + region + ":" + accountId + ":table/";
    if (nameOrArn.startsWith("arn:")) {
      name = nameOrArn.startsWith(prefix) ? nameOrArn.substring(prefix.length()) : null;
    }
    String shown = name == null ? nameOrArn : name;
    return (name == null ? java.util.Optional.<TableMeta>empty() : catalog.find(name))
        .orElseThrow(() -> DynamoDbException.resourceNotFound("Requested resource not found: Table: " + shown + " not found"));
  }

  private String tableArn(String name) {
    return "arn:aws:dynamodb:" + region + ":" + accountId + ":table/" + name;
  }
}
