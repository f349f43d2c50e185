package org.labvault.shared.testing;

import java.net.URI;
import org.labvault.dynamodb.DynamoDb;
import org.labvault.dynamodb.server.InProcessHttpClient;
import org.labvault.shared.aws.Keys;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * A LabVault table in LabVault's own DynamoDB engine, in process and in memory, for tests that
 * need real conditions and transactions without a server. The SDK client talks to the engine
 * through an in-process HTTP client: the same JSON protocol, no socket. Close it after the test.
 */
public final class EmbeddedTable implements AutoCloseable {

  public static final String NAME = "labvault-test";
  /** The data bucket the tests' configuration names (the one the sample S3 event names). */
  public static final String BUCKET = "labvault-dev-data-123456789012-us-east-1";

  private final DynamoDb engine;
  private final DynamoDbClient client;

  public EmbeddedTable() {
    engine = DynamoDb.inMemory();
    client = DynamoDbClient.builder()
        .httpClient(InProcessHttpClient.of(engine))
        .endpointOverride(URI.create("http://in-process"))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .build();
    client.createTable(r -> r.tableName(NAME).billingMode(BillingMode.PAY_PER_REQUEST)
        .keySchema(k -> k.attributeName(Keys.PK).keyType(KeyType.HASH), k -> k.attributeName(Keys.SK).keyType(KeyType.RANGE))
        .attributeDefinitions(a -> a.attributeName(Keys.PK).attributeType(ScalarAttributeType.S),
            a -> a.attributeName(Keys.SK).attributeType(ScalarAttributeType.S),
            a -> a.attributeName(Keys.GSI1_PK).attributeType(ScalarAttributeType.S),
            a -> a.attributeName(Keys.GSI1_SK).attributeType(ScalarAttributeType.S),
            a -> a.attributeName(Keys.GSI2_PK).attributeType(ScalarAttributeType.S),
            a -> a.attributeName(Keys.GSI2_SK).attributeType(ScalarAttributeType.S))
        .globalSecondaryIndexes(i -> i.indexName(Keys.GSI1)
            .keySchema(k -> k.attributeName(Keys.GSI1_PK).keyType(KeyType.HASH), k -> k.attributeName(Keys.GSI1_SK).keyType(KeyType.RANGE))
            .projection(p -> p.projectionType(ProjectionType.ALL)),
            i -> i.indexName(Keys.GSI2)
            .keySchema(k -> k.attributeName(Keys.GSI2_PK).keyType(KeyType.HASH), k -> k.attributeName(Keys.GSI2_SK).keyType(KeyType.RANGE))
            .projection(p -> p.projectionType(ProjectionType.ALL))));
  }

  public DynamoDbClient client() {
    return client;
  }

  @Override
  public void close() {
    client.close();
    engine.close();
  }
}
