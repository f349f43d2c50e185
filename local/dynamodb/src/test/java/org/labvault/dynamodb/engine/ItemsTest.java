package org.labvault.dynamodb.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.labvault.dynamodb.engine.Engines.TABLE;
import static org.labvault.dynamodb.engine.Engines.n;
import static org.labvault.dynamodb.engine.Engines.s;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.labvault.dynamodb.testing.InMemoryEngine;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/** PutItem, GetItem, UpdateItem and DeleteItem through the real SDK. */
class ItemsTest {

  @RegisterExtension final InMemoryEngine db = new InMemoryEngine(Engines::createTable);
  private DynamoDbClient client;

  @BeforeEach
  void start() {
    client = db.client();
  }

  private Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of("pk", s(pk), "sk", s(sk));
  }

  @Test
  void everyTypeIsStoredAndReadBackExactly() {
    Map<String, AttributeValue> item = new java.util.HashMap<>(key("a", "1"));
    item.put("str", s("héllo"));
    item.put("num", n("123.4500"));
    item.put("big", n("12345678901234567890123456789012345678"));
    item.put("bin", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, 1, (byte) 0xFF})));
    item.put("yes", AttributeValue.fromBool(true));
    item.put("nothing", AttributeValue.fromNul(true));
    item.put("list", AttributeValue.fromL(List.of(s("x"), n("2"))));
    item.put("map", AttributeValue.fromM(Map.of("inner", s("y"))));
    item.put("ss", AttributeValue.fromSs(List.of("b", "a")));
    item.put("ns", AttributeValue.fromNs(List.of("1", "2.5")));
    client.putItem(r -> r.tableName(TABLE).item(item));

    Map<String, AttributeValue> read = client.getItem(r -> r.tableName(TABLE).key(key("a", "1")).consistentRead(true)).item();

    assertThat(read.get("num").n()).isEqualTo("123.45"); // DynamoDB answers numbers normalised
    assertThat(read.get("big").n()).isEqualTo("12345678901234567890123456789012345678");
    assertThat(read.get("bin").b().asByteArray()).containsExactly(0, 1, 0xFF);
    assertThat(read.get("ss").ss()).containsExactlyInAnyOrder("a", "b");
    assertThat(read.get("ns").ns()).containsExactlyInAnyOrder("1", "2.5");
    assertThat(read.get("map").m().get("inner").s()).isEqualTo("y");
    assertThat(read.get("nothing").nul()).isTrue();
    assertThat(read.get("str").s()).isEqualTo("héllo");
  }

  @Test
  void aConditionThatFailsChangesNothing_andCanReturnTheItem() {
    client.putItem(r -> r.tableName(TABLE).item(Map.of("pk", s("a"), "sk", s("1"), "v", s("first"))));

    ConditionalCheckFailedException e = catchThrowableOfType(ConditionalCheckFailedException.class,
        () -> client.putItem(r -> r.tableName(TABLE).item(Map.of("pk", s("a"), "sk", s("1"), "v", s("second")))
            .conditionExpression("attribute_not_exists(pk)")
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));

    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The conditional request failed");
    assertThat(e.item().get("v").s()).isEqualTo("first");
    assertThat(client.getItem(r -> r.tableName(TABLE).key(key("a", "1"))).item().get("v").s()).isEqualTo("first");
  }

  @Test
  void updateExpressionsCombineSetRemoveAddAndDelete() {
    client.putItem(r -> r.tableName(TABLE).item(Map.of("pk", s("a"), "sk", s("1"), "count", n("1"),
        "tags", AttributeValue.fromSs(List.of("x", "y")), "more", AttributeValue.fromSs(List.of("m", "n")), "gone", s("z"),
        "doc", AttributeValue.fromM(Map.of("entries", AttributeValue.fromL(List.of(s("p"), s("q"), s("r"))))))));

    Map<String, AttributeValue> updated = client.updateItem(r -> r.tableName(TABLE).key(key("a", "1"))
        .updateExpression("SET #c = #c + :one, doc.added = if_not_exists(doc.added, :v) REMOVE gone, doc.entries[0]"
            + " ADD tags :t DELETE more :y")
        .expressionAttributeNames(Map.of("#c", "count"))
        .expressionAttributeValues(Map.of(":one", n("1"), ":v", s("new"), ":t", AttributeValue.fromSs(List.of("w")),
            ":y", AttributeValue.fromSs(List.of("m"))))
        .returnValues(ReturnValue.ALL_NEW)).attributes();

    assertThat(updated.get("count").n()).isEqualTo("2");
    assertThat(updated.get("tags").ss()).containsExactlyInAnyOrder("x", "y", "w");
    assertThat(updated.get("more").ss()).containsExactly("n");
    assertThat(updated).doesNotContainKey("gone");
    assertThat(updated.get("doc").m().get("entries").l()).extracting(AttributeValue::s).containsExactly("q", "r");
    assertThat(updated.get("doc").m().get("added").s()).isEqualTo("new");
  }

  @Test
  void updateReturnsOnlyTheUpdatedAttributes_whenAsked() {
    client.putItem(r -> r.tableName(TABLE).item(Map.of("pk", s("a"), "sk", s("1"), "a", s("old"), "b", s("keep"))));

    Map<String, AttributeValue> old = client.updateItem(r -> r.tableName(TABLE).key(key("a", "1"))
        .updateExpression("SET a = :n").expressionAttributeValues(Map.of(":n", s("new")))
        .returnValues(ReturnValue.UPDATED_OLD)).attributes();

    assertThat(old).containsOnlyKeys("a");
    assertThat(old.get("a").s()).isEqualTo("old");
  }

  @Test
  void updateCreatesTheItem_butNeverTouchesAKeyAttribute() {
    client.updateItem(r -> r.tableName(TABLE).key(key("new", "1")).updateExpression("SET v = :v")
        .expressionAttributeValues(Map.of(":v", s("x"))));
    assertThat(client.getItem(r -> r.tableName(TABLE).key(key("new", "1"))).item()).containsKeys("pk", "sk", "v");

    DynamoDbException e = catchThrowableOfType(DynamoDbException.class,
        () -> client.updateItem(r -> r.tableName(TABLE).key(key("new", "1")).updateExpression("SET pk = :v")
            .expressionAttributeValues(Map.of(":v", s("x")))));
    assertThat(e.awsErrorDetails().errorMessage())
        .isEqualTo("One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key");
  }

  @Test
  void deleteReturnsTheOldItem_andAMissingTableIsNotFound() {
    client.putItem(r -> r.tableName(TABLE).item(Map.of("pk", s("a"), "sk", s("1"), "v", s("x"))));

    Map<String, AttributeValue> old = client.deleteItem(r -> r.tableName(TABLE).key(key("a", "1"))
        .returnValues(ReturnValue.ALL_OLD)).attributes();

    assertThat(old.get("v").s()).isEqualTo("x");
    assertThat(client.getItem(r -> r.tableName(TABLE).key(key("a", "1"))).hasItem()).isFalse();
    assertThat(catchThrowableOfType(ResourceNotFoundException.class,
        () -> client.getItem(r -> r.tableName("nope").key(key("a", "1"))))).isNotNull();
  }

  @Test
  void keysAreCheckedAgainstTheSchema() {
    DynamoDbException wrongType = catchThrowableOfType(DynamoDbException.class,
        () -> client.putItem(r -> r.tableName(TABLE).item(Map.of("pk", n("1"), "sk", s("1")))));
    assertThat(wrongType.awsErrorDetails().errorMessage())
        .isEqualTo("One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N");

    DynamoDbException missing = catchThrowableOfType(DynamoDbException.class,
        () -> client.putItem(r -> r.tableName(TABLE).item(Map.of("pk", s("1")))));
    assertThat(missing.awsErrorDetails().errorMessage())
        .isEqualTo("One or more parameter values were invalid: Missing the key sk in the item");

    DynamoDbException partialKey = catchThrowableOfType(DynamoDbException.class,
        () -> client.getItem(r -> r.tableName(TABLE).key(Map.of("pk", s("1")))));
    assertThat(partialKey.awsErrorDetails().errorMessage()).isEqualTo("The provided key element does not match the schema");

    DynamoDbException indexKey = catchThrowableOfType(DynamoDbException.class,
        () -> client.putItem(r -> r.tableName(TABLE).item(Map.of("pk", s("1"), "sk", s("1"), "gsk", s("not a number")))));
    assertThat(indexKey.awsErrorDetails().errorMessage()).isEqualTo(
        "One or more parameter values were invalid: Type mismatch for Index Key gsk Expected: N Actual: S IndexName: byG");
  }

  @Test
  void anItemOver400KbIsRefused() {
    String big = "x".repeat(400 * 1024);
    DynamoDbException e = catchThrowableOfType(DynamoDbException.class,
        () -> client.putItem(r -> r.tableName(TABLE).item(Map.of("pk", s("a"), "sk", s("1"), "v", s(big)))));
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Item size has exceeded the maximum allowed size");
  }

  @Test
  void unusedExpressionValuesAreRefused() {
    DynamoDbException e = catchThrowableOfType(DynamoDbException.class,
        () -> client.putItem(r -> r.tableName(TABLE).item(Map.of("pk", s("a"), "sk", s("1")))
            .conditionExpression("attribute_not_exists(pk)").expressionAttributeValues(Map.of(":x", s("1")))));
    assertThat(e.awsErrorDetails().errorMessage())
        .isEqualTo("Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}");
  }
}
