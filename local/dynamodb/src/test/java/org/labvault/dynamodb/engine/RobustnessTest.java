package org.labvault.dynamodb.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.labvault.dynamodb.engine.Engines.s;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.labvault.dynamodb.DynamoDb;
import org.labvault.dynamodb.testing.SdkClients;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Requests racing table changes, and input that must be refused, never answered with a 500. */
class RobustnessTest {

  private final DynamoDb engine = DynamoDb.inMemory();
  private final DynamoDbClient client = SdkClients.client(engine);

  @AfterEach
  void stop() {
    client.close();
    engine.close();
  }

  private void create(String name) {
    client.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
        .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
        .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S)));
  }

  @Test
  void concurrentCreateTablesOfOneNameMakeOneTable() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(6);
    for (int round = 0; round < 30; round++) {
      String name = "raced-" + round;
      AtomicInteger created = new AtomicInteger();
      AtomicInteger inUse = new AtomicInteger();
      List<Future<?>> racers = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        racers.add(pool.submit(() -> {
          try {
            create(name);
            created.incrementAndGet();
          } catch (ResourceInUseException e) {
            inUse.incrementAndGet();
          }
          return null;
        }));
      }
      for (Future<?> f : racers) {
        f.get();
      }
      assertThat(created.get()).as(name).isEqualTo(1);
      assertThat(inUse.get()).as(name).isEqualTo(5);
    }
    pool.shutdown();
  }

  /** Writers and an index created and deleted under them: the index ends up holding exactly the items' current keys. */
  @Test
  void writesRacingIndexChangesLeaveNoStaleIndexEntries() throws Exception {
    create("indexed");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    Future<?> writer = pool.submit(() -> {
      for (int i = 0; i < 400; i++) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of("pk", s("item-" + (i % 20)), "g", s("v" + (i % 3))));
        client.putItem(r -> r.tableName("indexed").item(item));
      }
      return null;
    });
    Future<?> toggler = pool.submit(() -> {
      for (int i = 0; i < 30; i++) {
        client.updateTable(r -> r.tableName("indexed")
            .attributeDefinitions(a -> a.attributeName("g").attributeType(ScalarAttributeType.S))
            .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("byG")
                .keySchema(k -> k.attributeName("g").keyType(KeyType.HASH)).projection(p -> p.projectionType(ProjectionType.ALL)))));
        client.updateTable(r -> r.tableName("indexed").globalSecondaryIndexUpdates(u -> u.delete(d -> d.indexName("byG"))));
      }
      return null;
    });
    writer.get();
    toggler.get();
    pool.shutdown();
    client.updateTable(r -> r.tableName("indexed")
        .attributeDefinitions(a -> a.attributeName("g").attributeType(ScalarAttributeType.S))
        .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("byG")
            .keySchema(k -> k.attributeName("g").keyType(KeyType.HASH)).projection(p -> p.projectionType(ProjectionType.ALL)))));
    for (String g : List.of("v0", "v1", "v2")) {
      var indexed = client.query(r -> r.tableName("indexed").indexName("byG").keyConditionExpression("g = :g")
          .expressionAttributeValues(Map.of(":g", s(g)))).items();
      assertThat(indexed).as("index entries for %s", g).allSatisfy(i -> assertThat(i.get("g").s()).isEqualTo(g));
      long inTable = client.scan(r -> r.tableName("indexed")).items().stream().filter(i -> i.get("g").s().equals(g)).count();
      assertThat(indexed).hasSize((int) inTable);
    }
  }

  private DynamoDb.Response call(String target, String body) {
    return engine.handle(target, body.getBytes(StandardCharsets.UTF_8));
  }

  private static String type(DynamoDb.Response r) {
    String body = new String(r.body(), StandardCharsets.UTF_8);
    return body.replaceAll(".*\"__type\":\"([^\"]+)\".*", "$1");
  }

  @Test
  void anExponentBeyondAnyRangeIsAValidationError() {
    create("numbers");
    DynamoDb.Response r = call("DynamoDB_20120810.PutItem",
        "{\"TableName\":\"numbers\",\"Item\":{\"pk\":{\"S\":\"n\"},\"v\":{\"N\":\"1000e2147483647\"}}}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(type(r)).endsWith("#ValidationException");
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("Number overflow");
  }

  @Test
  void anExpressionNestedThousandsDeepIsAValidationError() {
    create("nested");
    String condition = "(".repeat(20_000) + "attribute_exists(v)" + ")".repeat(20_000);
    DynamoDb.Response r = call("DynamoDB_20120810.DeleteItem",
        "{\"TableName\":\"nested\",\"Key\":{\"pk\":{\"S\":\"a\"}},\"ConditionExpression\":\"" + condition + "\"}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(type(r)).endsWith("#ValidationException");
  }

  @Test
  void aMemberOfTheWrongJsonTypeIsASerializationError_notAConvertedValue() {
    create("typed");
    for (String value : List.of("{\"S\":5}", "{\"S\":true}", "{\"L\":\"x\"}", "{\"M\":\"x\"}", "{\"SS\":[1,2]}", "{\"BOOL\":\"yes\"}")) {
      DynamoDb.Response r = call("DynamoDB_20120810.PutItem",
          "{\"TableName\":\"typed\",\"Item\":{\"pk\":{\"S\":\"a\"},\"v\":" + value + "}}");
      assertThat(r.status()).as(value).isEqualTo(400);
      assertThat(type(r)).as(value).isEqualTo("com.amazon.coral.service#SerializationException");
    }
  }

  @Test
  void aForgedShardIteratorOrABadLimitIsAValidationError() {
    client.createTable(r -> r.tableName("streamed").billingMode(BillingMode.PAY_PER_REQUEST)
        .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
        .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
        .streamSpecification(x -> x.streamEnabled(true).streamViewType("KEYS_ONLY")));
    String arn = client.describeTable(r -> r.tableName("streamed")).table().latestStreamArn();
    String forged = Base64.getUrlEncoder().withoutPadding().encodeToString((arn + "|0|abc").getBytes(StandardCharsets.UTF_8));
    DynamoDb.Response r = call("DynamoDBStreams_20120810.GetRecords", "{\"ShardIterator\":\"" + forged + "\"}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(type(r)).endsWith("#ValidationException");

    String genuine = Base64.getUrlEncoder().withoutPadding().encodeToString(
        (arn + "|0|" + System.currentTimeMillis()).getBytes(StandardCharsets.UTF_8));
    for (String limit : List.of("0", "-1", "1001")) {
      DynamoDb.Response bad = call("DynamoDBStreams_20120810.GetRecords",
          "{\"ShardIterator\":\"" + genuine + "\",\"Limit\":" + limit + "}");
      assertThat(bad.status()).as(limit).isEqualTo(400);
      assertThat(type(bad)).as(limit).endsWith("#ValidationException");
    }
  }
}
