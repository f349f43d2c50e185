package org.labvault.dynamodb.engine;

import java.net.URI;
import org.labvault.dynamodb.DynamoDb;
import org.labvault.dynamodb.server.InProcessHttpClient;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** Real SDK clients on an engine in this process, and the tables the engine tests use. */
final class Engines {

  static final String TABLE = "items";

  private Engines() {}

  static DynamoDbClient client(DynamoDb engine) {
    return DynamoDbClient.builder()
        .httpClient(InProcessHttpClient.of(engine))
        .endpointOverride(URI.create("http://in-process"))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  static DynamoDbStreamsClient streams(DynamoDb engine) {
    return DynamoDbStreamsClient.builder()
        .httpClient(InProcessHttpClient.of(engine))
        .endpointOverride(URI.create("http://in-process"))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .build();
  }

  /** pk (S) + sk (S), a sparse GSI on gpk/gsk, a KEYS_ONLY GSI on status, an LSI on lsk (N), a stream. */
  static void createTable(DynamoDbClient client) {
    client.createTable(r -> r.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
        .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH), k -> k.attributeName("sk").keyType(KeyType.RANGE))
        .attributeDefinitions(
            a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
            a -> a.attributeName("sk").attributeType(ScalarAttributeType.S),
            a -> a.attributeName("gpk").attributeType(ScalarAttributeType.S),
            a -> a.attributeName("gsk").attributeType(ScalarAttributeType.N),
            a -> a.attributeName("status").attributeType(ScalarAttributeType.S),
            a -> a.attributeName("lsk").attributeType(ScalarAttributeType.N))
        .globalSecondaryIndexes(
            g -> g.indexName("byG").keySchema(k -> k.attributeName("gpk").keyType(KeyType.HASH),
                k -> k.attributeName("gsk").keyType(KeyType.RANGE)).projection(p -> p.projectionType(ProjectionType.ALL)),
            g -> g.indexName("byStatus").keySchema(k -> k.attributeName("status").keyType(KeyType.HASH))
                .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)))
        .localSecondaryIndexes(l -> l.indexName("byL").keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH),
            k -> k.attributeName("lsk").keyType(KeyType.RANGE)).projection(p -> p.projectionType(ProjectionType.ALL)))
        .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
  }

  static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  static AttributeValue n(String v) {
    return AttributeValue.fromN(v);
  }
}
