package org.labvault.shared.testing;

import org.labvault.shared.aws.Keys;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * A LabVault table in DynamoDB Local, in process and in memory, for tests that need real
 * conditions and transactions without a server. Close it after the test.
 */
public final class EmbeddedTable implements AutoCloseable {

  public static final String NAME = "labvault-test";
  /** The data bucket the tests' configuration names (the one the sample S3 event names). */
  public static final String BUCKET = "labvault-dev-data-123456789012-us-east-1";

  private final AmazonDynamoDBLocal engine;
  private final DynamoDbClient client;

  public EmbeddedTable() {
    engine = DynamoDBEmbedded.create();
    client = engine.dynamoDbClient();
    client.createTable(r -> r.tableName(NAME).billingMode(BillingMode.PAY_PER_REQUEST)
        .keySchema(k -> k.attributeName(Keys.PK).keyType(KeyType.HASH), k -> k.attributeName(Keys.SK).keyType(KeyType.RANGE))
        .attributeDefinitions(a -> a.attributeName(Keys.PK).attributeType(ScalarAttributeType.S),
            a -> a.attributeName(Keys.SK).attributeType(ScalarAttributeType.S),
            a -> a.attributeName(Keys.GSI1_PK).attributeType(ScalarAttributeType.S),
            a -> a.attributeName(Keys.GSI1_SK).attributeType(ScalarAttributeType.S))
        .globalSecondaryIndexes(i -> i.indexName(Keys.GSI1)
            .keySchema(k -> k.attributeName(Keys.GSI1_PK).keyType(KeyType.HASH), k -> k.attributeName(Keys.GSI1_SK).keyType(KeyType.RANGE))
            .projection(p -> p.projectionType(ProjectionType.ALL))));
  }

  public DynamoDbClient client() {
    return client;
  }

  @Override
  public void close() {
    engine.shutdownNow();
  }
}
