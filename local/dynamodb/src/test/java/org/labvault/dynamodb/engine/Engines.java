package org.labvault.dynamodb.engine;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** The table the engine tests use, and short value constructors. */
final class Engines {

  static final String TABLE = "items";

  private Engines() {}

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
