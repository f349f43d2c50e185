package org.labvault.dynamodb.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;
import org.labvault.dynamodb.DynamoDb;
import org.labvault.dynamodb.testing.SdkClients;
import org.labvault.dynamodb.server.InProcessHttpClient;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** The request-shape checks of the item operations, through the real SDK against an in-memory engine. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestChecksTest {

  static final String TABLE = "items";
  static final String NULL_TABLE =
      "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null";
  static final String RETURN_VALUES_SET = "[ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]";
  static final String CAPACITY_SET = "[INDEXES, TOTAL, NONE]";

  DynamoDb engine;
  DynamoDbClient client;

  @BeforeAll
  void start() {
    engine = DynamoDb.inMemory();
    client = SdkClients.client(engine);
    client.createTable(b -> b.tableName(TABLE)
        .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"))
        .keySchema(k -> k.attributeName("pk").keyType("HASH"))
        .billingMode("PAY_PER_REQUEST"));
  }

  @AfterAll
  void stop() {
    client.close();
    engine.close();
  }

  static Map<String, AttributeValue> key(String pk) {
    return Map.of("pk", AttributeValue.fromS(pk));
  }

  static String violation(String value, String path, String constraint) {
    return "Value " + (value == null ? "null" : "'" + value + "'") + " at '" + path + "' failed to satisfy constraint: "
        + constraint;
  }

  static String one(String violation) {
    return "1 validation error detected: " + violation;
  }

  static void assertValidation(Executable call, String message) {
    DynamoDbException e = catchThrowableOfType(DynamoDbException.class, call::execute);
    assertThat(e).as("expected a ValidationException").isNotNull();
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
  }

  @Nested
  class TableName {

    @Test
    void missingEmptyLongAndBadCharacters() {
      assertValidation(() -> client.putItem(b -> b.item(key("a"))), NULL_TABLE);
      assertValidation(() -> client.putItem(b -> b.tableName("").item(key("a"))),
          one(violation("", "tableName", "Member must have length greater than or equal to 1")));
      String longName = "a".repeat(256);
      assertValidation(() -> client.getItem(b -> b.tableName(longName).key(key("a"))),
          one(violation(longName, "tableName", "Member must have length less than or equal to 255")));
      assertValidation(() -> client.deleteItem(b -> b.tableName("bad table!").key(key("a"))),
          one(violation("bad table!", "tableName", "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+")));
    }

    @Test
    void aBadNameIsReportedAloneBeforeTheOtherMembers() {
      assertValidation(() -> client.putItem(b -> b.tableName("").item(key("a")).returnValues("INVALID")),
          one(violation("", "tableName", "Member must have length greater than or equal to 1")));
      assertValidation(() -> client.query(b -> b.tableName("x!").select("INVALID").keyConditionExpression("pk = :v")
              .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("a")))),
          one(violation("x!", "tableName", "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+")));
    }

    @Test
    void anUnknownValidNameIsNotFound() {
      assertThat(catchThrowableOfType(ResourceNotFoundException.class,
          () -> client.putItem(b -> b.tableName("absent").item(key("a")))).awsErrorDetails().errorMessage())
          .isEqualTo("Requested resource not found");
    }
  }

  @Nested
  class Enums {

    @Test
    void putItemReportsEveryBadEnumTogetherInOrder() {
      assertValidation(() -> client.putItem(b -> b.tableName(TABLE).item(key("a"))
              .returnConsumedCapacity("INVALID").returnItemCollectionMetrics("INVALID").returnValues("INVALID")),
          "3 validation errors detected: "
              + violation("INVALID", "returnConsumedCapacity", "Member must satisfy enum value set: " + CAPACITY_SET) + "; "
              + violation("INVALID", "returnValues", "Member must satisfy enum value set: " + RETURN_VALUES_SET) + "; "
              + violation("INVALID", "returnItemCollectionMetrics", "Member must satisfy enum value set: [SIZE, NONE]"));
    }

    @Test
    void deleteAndUpdateItem() {
      String both = "2 validation errors detected: "
          + violation("INVALID", "returnConsumedCapacity", "Member must satisfy enum value set: " + CAPACITY_SET) + "; "
          + violation("INVALID", "returnValues", "Member must satisfy enum value set: " + RETURN_VALUES_SET);
      assertValidation(() -> client.deleteItem(b -> b.tableName(TABLE).key(key("a"))
          .returnValues("INVALID").returnConsumedCapacity("INVALID")), both);
      assertValidation(() -> client.updateItem(b -> b.tableName(TABLE).key(key("a"))
          .returnValues("INVALID").returnConsumedCapacity("INVALID")), both);
      assertValidation(() -> client.deleteItem(b -> b.tableName(TABLE).key(key("a"))
              .returnValuesOnConditionCheckFailure("SOME")),
          one(violation("SOME", "returnValuesOnConditionCheckFailure", "Member must satisfy enum value set: [ALL_OLD, NONE]")));
    }

    @Test
    void putAndDeleteReturnOnlyTheOldItem() {
      assertValidation(() -> client.putItem(b -> b.tableName(TABLE).item(key("a")).returnValues("ALL_NEW")),
          "ReturnValues can only be ALL_OLD or NONE");
      assertValidation(() -> client.deleteItem(b -> b.tableName(TABLE).key(key("a")).returnValues("UPDATED_OLD")),
          "ReturnValues can only be ALL_OLD or NONE");
    }

    @Test
    void missingItemOrKey() {
      assertValidation(() -> client.putItem(b -> b.tableName(TABLE)),
          one(violation(null, "item", "Member must not be null")));
      assertValidation(() -> client.getItem(b -> b.tableName(TABLE).returnConsumedCapacity("ALL")),
          "2 validation errors detected: "
              + violation("ALL", "returnConsumedCapacity", "Member must satisfy enum value set: " + CAPACITY_SET) + "; "
              + violation(null, "key", "Member must not be null"));
    }
  }

  @Nested
  class QueryAndScan {

    @Test
    void select() {
      assertValidation(() -> client.query(b -> b.tableName(TABLE).keyConditionExpression("pk = :v")
              .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("a"))).select("INVALID_VALUE")),
          one(violation("INVALID_VALUE", "select",
              "Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]")));
      assertValidation(() -> client.query(b -> b.tableName(TABLE).keyConditionExpression("pk = :v")
              .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("a"))).select("SPECIFIC_ATTRIBUTES")),
          "1 validation error detected: Must specify the AttributesToGet or ProjectionExpression when choosing to get"
              + " SPECIFIC_ATTRIBUTES");
      assertValidation(() -> client.scan(b -> b.tableName(TABLE).select("SPECIFIC_ATTRIBUTES")),
          "Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES");
    }

    @Test
    void limit() {
      assertValidation(() -> client.query(b -> b.tableName(TABLE).keyConditionExpression("pk = :v")
              .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("a"))).limit(0)),
          "1 validation error detected: Value at 'Limit' failed to satisfy constraint: Member must have value greater"
              + " than or equal to 1");
      assertValidation(() -> client.scan(b -> b.tableName(TABLE).limit(0)),
          one(violation("0", "limit", "Member must have value greater than or equal to 1")));
    }

    @Test
    void queryEnumsBeforeItsLimit() {
      assertValidation(() -> client.query(b -> b.tableName(TABLE).keyConditionExpression("pk = :v")
              .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("a")))
              .returnConsumedCapacity("INVALID").select("INVALID").limit(0)),
          "2 validation errors detected: "
              + violation("INVALID", "select",
                  "Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]")
              + "; " + violation("INVALID", "returnConsumedCapacity", "Member must satisfy enum value set: " + CAPACITY_SET));
    }

    @Test
    void segments() {
      assertValidation(() -> client.scan(b -> b.tableName(TABLE).segment(-1).totalSegments(0).limit(0)),
          "3 validation errors detected: "
              + violation("0", "totalSegments", "Member must have value greater than or equal to 1") + "; "
              + violation("-1", "segment", "Member must have value greater than or equal to 0") + "; "
              + violation("0", "limit", "Member must have value greater than or equal to 1"));
      assertValidation(() -> client.scan(b -> b.tableName(TABLE).segment(0).totalSegments(1_000_001)),
          one(violation("1000001", "totalSegments", "Member must have value less than or equal to 1000000")));
      assertValidation(() -> client.scan(b -> b.tableName(TABLE).segment(5).totalSegments(5)),
          "The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 5 is not less"
              + " than TotalSegments: 5");
    }
  }

  @Nested
  class Substitutions {

    @Test
    void valuesWithoutAnExpression() {
      Map<String, AttributeValue> values = Map.of(":v", AttributeValue.fromS("x"));
      assertValidation(() -> client.putItem(b -> b.tableName(TABLE).item(key("a")).expressionAttributeValues(values)),
          "ExpressionAttributeValues can only be specified when using expressions: ConditionExpression is null");
      assertValidation(() -> client.updateItem(b -> b.tableName(TABLE).key(key("a")).expressionAttributeValues(values)),
          "ExpressionAttributeValues can only be specified when using expressions: UpdateExpression and"
              + " ConditionExpression are null");
      assertValidation(() -> client.scan(b -> b.tableName(TABLE).expressionAttributeValues(values)),
          "ExpressionAttributeValues can only be specified when using expressions: FilterExpression and"
              + " ProjectionExpression are null");
    }

    @Test
    void namesWithoutAnExpressionComeFirst() {
      assertValidation(() -> client.deleteItem(b -> b.tableName(TABLE).key(key("a"))
              .expressionAttributeNames(Map.of("#n", "n"))
              .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("x")))),
          "ExpressionAttributeNames can only be specified when using expressions");
    }
  }

  @Nested
  class Batches {

    @Test
    void emptyRequestItems() {
      assertValidation(() -> client.batchGetItem(b -> b.requestItems(Map.of())),
          "The requestItems parameter is required for BatchGetItem");
      assertValidation(() -> client.batchWriteItem(b -> b.requestItems(Map.of())),
          "The requestItems parameter is required for BatchWriteItem");
    }

    @Test
    void tooManyKeysForOneTable() {
      List<Map<String, AttributeValue>> keys = new ArrayList<>();
      for (int i = 0; i < 101; i++) {
        keys.add(key("k" + i));
      }
      assertValidation(() -> client.batchGetItem(b -> b.requestItems(
              Map.of(TABLE, KeysAndAttributes.builder().keys(keys).build()))),
          "1 validation error detected: Value at 'RequestItems." + TABLE + ".member.Keys' failed to satisfy constraint:"
              + " Member must have length less than or equal to 100");
    }

    @Test
    void tooManyWritesForOneTable() {
      List<WriteRequest> writes = new ArrayList<>();
      for (int i = 0; i < 26; i++) {
        Map<String, AttributeValue> item = key("k" + i);
        writes.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
      }
      DynamoDbException e = catchThrowableOfType(DynamoDbException.class,
          () -> client.batchWriteItem(b -> b.requestItems(Map.of(TABLE, writes))));
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
      assertThat(e.awsErrorDetails().errorMessage())
          .startsWith("1 validation error detected: Value '{" + TABLE + "=[WriteRequest(")
          .endsWith("]}' at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: [Member must"
              + " have length less than or equal to 25, Member must have length greater than or equal to 1]");
    }

    @Test
    void badEnumsTogether() {
      assertValidation(() -> client.batchWriteItem(b -> b.requestItems(Map.of(TABLE,
              List.of(WriteRequest.builder().putRequest(p -> p.item(key("a"))).build())))
              .returnConsumedCapacity("X").returnItemCollectionMetrics("Y")),
          "2 validation errors detected: "
              + violation("X", "returnConsumedCapacity", "Member must satisfy enum value set: " + CAPACITY_SET) + "; "
              + violation("Y", "returnItemCollectionMetrics", "Member must satisfy enum value set: [SIZE, NONE]"));
    }
  }

  @Nested
  class Transactions {

    @Test
    void sizesAndEnums() {
      assertValidation(() -> client.transactGetItems(b -> b.transactItems(List.of())),
          one(violation("[]", "transactItems", "Member must have length greater than or equal to 1")));
      assertValidation(() -> client.transactWriteItems(b -> b.transactItems(List.of()).returnConsumedCapacity("X")),
          "2 validation errors detected: "
              + violation("[]", "transactItems", "Member must have length greater than or equal to 1") + "; "
              + violation("X", "returnConsumedCapacity", "Member must satisfy enum value set: " + CAPACITY_SET));
    }

    @Test
    void aGetWithABadKeyCancelsTheTransaction() {
      TransactionCanceledException e = catchThrowableOfType(TransactionCanceledException.class,
          () -> client.transactGetItems(b -> b.transactItems(
              TransactGetItem.builder().get(g -> g.tableName(TABLE).key(key("a"))).build(),
              TransactGetItem.builder().get(g -> g.tableName(TABLE).key(Map.of())).build())));
      assertThat(e).isNotNull();
      assertThat(e.awsErrorDetails().errorMessage())
          .isEqualTo("Transaction cancelled, please refer cancellation reasons for specific reasons [None, ValidationError]");
      assertThat(e.cancellationReasons()).extracting(CancellationReason::code).containsExactly("None", "ValidationError");
      assertThat(e.cancellationReasons().get(1).message()).isEqualTo("The provided key element does not match the schema");
    }

    @Test
    void aWriteOverFourMegabytesIsRefused() {
      List<TransactWriteItem> items = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        Map<String, AttributeValue> item = Map.of("pk", AttributeValue.fromS("big" + i),
            "payload", AttributeValue.fromS("x".repeat(350_000)));
        items.add(TransactWriteItem.builder().put(p -> p.tableName(TABLE).item(item)).build());
      }
      DynamoDbException e = catchThrowableOfType(DynamoDbException.class,
          () -> client.transactWriteItems(b -> b.transactItems(items)));
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
      assertThat(client.getItem(b -> b.tableName(TABLE).key(key("big0"))).hasItem()).isFalse();
      client.transactWriteItems(b -> b.transactItems(items.subList(0, 10)));
      assertThat(client.getItem(b -> b.tableName(TABLE).key(key("big0"))).hasItem()).isTrue();
    }
  }
}
