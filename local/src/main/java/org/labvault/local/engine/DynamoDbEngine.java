package org.labvault.local.engine;

import java.net.URI;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.labvault.dynamodb.DynamoDb;
import org.labvault.dynamodb.server.Credentials;
import org.labvault.dynamodb.server.DynamoDbServer;
import org.labvault.dynamodb.server.ServerOptions;
import org.labvault.local.template.Model;
import org.labvault.local.template.TemplateException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * LabVault's own DynamoDB engine on a loopback port, checking the stack's credentials (SigV4) like
 * DynamoDB does, with the template's tables.
 */
public final class DynamoDbEngine implements Engine {

  /** Its key in stack.json. */
  public static final String ENDPOINT = "dynamodbEndpoint";

  private final DynamoDb engine;
  private final DynamoDbServer server;

  private DynamoDbEngine(DynamoDb engine, DynamoDbServer server) {
    this.engine = engine;
    this.server = server;
  }

  /**
   * Starts the engine.
   *
   * @param dataDir where tables persist, or null to keep them in memory
   * @param port its port, or 0 for any free one
   */
  public static DynamoDbEngine start(Path dataDir, int port, String accessKeyId, String secretAccessKey) {
    DynamoDb engine = dataDir == null ? DynamoDb.inMemory() : DynamoDb.open(dataDir);
    try {
      DynamoDbServer server = DynamoDbServer.start(engine,
          new ServerOptions("127.0.0.1", port, new Credentials(accessKeyId, secretAccessKey)));
      return new DynamoDbEngine(engine, server);
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
  }

  public URI endpoint() {
    return server.endpoint();
  }

  @Override
  public String name() {
    return "DynamoDB";
  }

  @Override
  public Map<String, URI> endpoints() {
    return Map.of(ENDPOINT, endpoint());
  }

  /**
   * Creates the template's tables; a table kept from an earlier run must still match its
   * definition, or the stack refuses to start rather than run on a stale schema.
   */
  public void createTables(Collection<Model.Table> tables, DynamoDbClient dynamo) {
    for (Model.Table table : tables) {
      CreateTableRequest wanted = TableDefinitions.toRequest(table);
      TableDescription existing = describe(dynamo, table.tableName());
      if (existing == null) {
        dynamo.createTable(wanted);
        TableDefinitions.timeToLive(table).ifPresent(
            ttl -> dynamo.updateTimeToLive(r -> r.tableName(table.tableName()).timeToLiveSpecification(ttl)));
      } else if (!TableDefinitions.sameShape(wanted, existing)) {
        throw new TemplateException(table.logicalId() + ": the table kept in the state directory no longer"
            + " matches template.yaml; start with --fresh to rebuild it");
      }
    }
  }

  private static TableDescription describe(DynamoDbClient dynamo, String name) {
    try {
      return dynamo.describeTable(r -> r.tableName(name)).table();
    } catch (ResourceNotFoundException e) {
      return null;
    }
  }

  @Override
  public void close() {
    server.close();
    engine.close();
  }

  /** CloudFormation table properties to DynamoDB API requests. */
  static final class TableDefinitions {
    private TableDefinitions() {}

    static CreateTableRequest toRequest(Model.Table table) {
      Map<String, Object> p = table.properties();
      var builder =
          CreateTableRequest.builder()
              .tableName(table.tableName())
              .keySchema(keySchema(p.get("KeySchema")))
              .attributeDefinitions(list(p.get("AttributeDefinitions")).stream()
                  .map(a -> AttributeDefinition.builder()
                      .attributeName(str(a, "AttributeName"))
                      .attributeType(str(a, "AttributeType"))
                      .build())
                  .toList());
      boolean onDemand = !"PROVISIONED".equals(p.get("BillingMode"));
      builder.billingMode(onDemand ? BillingMode.PAY_PER_REQUEST : BillingMode.PROVISIONED);
      if (!onDemand) {
        builder.provisionedThroughput(throughput());
      }
      List<GlobalSecondaryIndex> gsis = list(p.get("GlobalSecondaryIndexes")).stream()
          .map(g -> {
            var gsi = GlobalSecondaryIndex.builder()
                .indexName(str(g, "IndexName"))
                .keySchema(keySchema(g.get("KeySchema")))
                .projection(projection(g.get("Projection")));
            if (!onDemand) {
              gsi.provisionedThroughput(throughput());
            }
            return gsi.build();
          })
          .toList();
      if (!gsis.isEmpty()) {
        builder.globalSecondaryIndexes(gsis);
      }
      List<LocalSecondaryIndex> lsis = list(p.get("LocalSecondaryIndexes")).stream()
          .map(l -> LocalSecondaryIndex.builder()
              .indexName(str(l, "IndexName"))
              .keySchema(keySchema(l.get("KeySchema")))
              .projection(projection(l.get("Projection")))
              .build())
          .toList();
      if (!lsis.isEmpty()) {
        builder.localSecondaryIndexes(lsis);
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> stream = (Map<String, Object>) p.get("StreamSpecification");
      if (stream != null) {
        builder.streamSpecification(StreamSpecification.builder()
            .streamEnabled(true)
            .streamViewType(String.valueOf(stream.get("StreamViewType")))
            .build());
      }
      return builder.build();
    }

    static java.util.Optional<software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification> timeToLive(
        Model.Table table) {
      @SuppressWarnings("unchecked")
      Map<String, Object> ttl = (Map<String, Object>) table.properties().get("TimeToLiveSpecification");
      if (ttl == null || !Boolean.parseBoolean(String.valueOf(ttl.get("Enabled")))) {
        return java.util.Optional.empty();
      }
      return java.util.Optional.of(software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification.builder()
          .attributeName(String.valueOf(ttl.get("AttributeName")))
          .enabled(true)
          .build());
    }

    /** Same keys and the same index names: what a stale state directory would get wrong. */
    static boolean sameShape(CreateTableRequest wanted, TableDescription existing) {
      return wanted.keySchema().equals(existing.keySchema())
          && indexNames(wanted.globalSecondaryIndexes().stream().map(GlobalSecondaryIndex::indexName))
              .equals(indexNames(existing.globalSecondaryIndexes().stream().map(i -> i.indexName())))
          && indexNames(wanted.localSecondaryIndexes().stream().map(LocalSecondaryIndex::indexName))
              .equals(indexNames(existing.localSecondaryIndexes().stream().map(i -> i.indexName())));
    }

    private static Set<String> indexNames(java.util.stream.Stream<String> names) {
      return names.collect(Collectors.toCollection(TreeSet::new));
    }

    private static ProvisionedThroughput throughput() {
      return ProvisionedThroughput.builder().readCapacityUnits(5L).writeCapacityUnits(5L).build();
    }

    private static List<KeySchemaElement> keySchema(Object value) {
      return list(value).stream()
          .map(k -> KeySchemaElement.builder()
              .attributeName(str(k, "AttributeName"))
              .keyType(str(k, "KeyType"))
              .build())
          .toList();
    }

    private static Projection projection(Object value) {
      @SuppressWarnings("unchecked")
      Map<String, Object> p = value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
      var builder = Projection.builder().projectionType(String.valueOf(p.getOrDefault("ProjectionType", "ALL")));
      Object nonKey = p.get("NonKeyAttributes");
      if (nonKey instanceof List<?> l && !l.isEmpty()) {
        builder.nonKeyAttributes(l.stream().map(String::valueOf).toList());
      }
      return builder.build();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
      return value instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    private static String str(Map<String, Object> m, String key) {
      return String.valueOf(m.get(key));
    }
  }
}
