package org.labvault.dynamodb.partiql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labvault.dynamodb.DynamoDb;
import org.labvault.dynamodb.testing.SdkClients;
import org.labvault.dynamodb.server.InProcessHttpClient;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchExecuteStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DuplicateItemException;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.ExecuteTransactionResponse;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ParameterizedStatement;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/** ExecuteStatement, BatchExecuteStatement and ExecuteTransaction through the real SDK. */
class PartiqlTest {

  private static final String HASH = "users";
  private static final String COMPOSITE = "events";

  private DynamoDb engine;
  private DynamoDbClient client;

  @BeforeEach
  void start() {
    engine = DynamoDb.inMemory();
    client = SdkClients.client(engine);
    client.createTable(r -> r.tableName(HASH).billingMode(BillingMode.PAY_PER_REQUEST)
        .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
        .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S)));
    client.createTable(r -> r.tableName(COMPOSITE).billingMode(BillingMode.PAY_PER_REQUEST)
        .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH), k -> k.attributeName("sk").keyType(KeyType.RANGE))
        .attributeDefinitions(
            a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
            a -> a.attributeName("sk").attributeType(ScalarAttributeType.N),
            a -> a.attributeName("kind").attributeType(ScalarAttributeType.S))
        .globalSecondaryIndexes(g -> g.indexName("byKind").keySchema(k -> k.attributeName("kind").keyType(KeyType.HASH))
            .projection(p -> p.projectionType(ProjectionType.ALL))));
  }

  @AfterEach
  void stop() {
    client.close();
    engine.close();
  }

  private ExecuteStatementResponse run(String statement, AttributeValue... parameters) {
    return client.executeStatement(r -> {
      r.statement(statement);
      if (parameters.length > 0) {
        r.parameters(parameters);
      }
    });
  }

  private static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  private static AttributeValue n(String v) {
    return AttributeValue.fromN(v);
  }

  private Map<String, AttributeValue> get(String table, Map<String, AttributeValue> key) {
    return client.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();
  }

  // ---- single statements -------------------------------------------------------------------

  @Test
  void insertThenSelectByKey_withLiteralsOfEveryKind() {
    ExecuteStatementResponse insert = run("INSERT INTO \"users\" VALUE {'id': 'u1', 'name': 'Ada', 'age': 36,"
        + " 'tags': <<'a', 'b'>>, 'scores': <<1, 2.5>>, 'list': [1, 'two', true, null], 'map': {'inner': {'deep': -4}}}");
    assertThat(insert.items()).isEmpty();

    Map<String, AttributeValue> item = get(HASH, Map.of("id", s("u1")));
    assertThat(item.get("name").s()).isEqualTo("Ada");
    assertThat(item.get("age").n()).isEqualTo("36");
    assertThat(item.get("tags").ss()).containsExactlyInAnyOrder("a", "b");
    assertThat(item.get("scores").ns()).containsExactlyInAnyOrder("1", "2.5");
    assertThat(item.get("list").l()).extracting(AttributeValue::toString).hasSize(4);
    assertThat(item.get("list").l().get(3).nul()).isTrue();
    assertThat(item.get("map").m().get("inner").m().get("deep").n()).isEqualTo("-4");

    ExecuteStatementResponse select = run("SELECT * FROM users WHERE id = 'u1'");
    assertThat(select.items()).hasSize(1);
    assertThat(select.items().get(0)).isEqualTo(item);
  }

  @Test
  void selectProjectsAttributesAndNestedPathsUnderTheirLastName() {
    client.putItem(r -> r.tableName(HASH).item(Map.of("id", s("p"), "m", AttributeValue.fromM(Map.of("nested", s("deep"))),
        "l", AttributeValue.fromL(List.of(s("zero"), s("one"))), "extra", s("x"))));

    assertThat(run("SELECT m.nested FROM \"users\" WHERE id = 'p'").items())
        .containsExactly(Map.of("nested", s("deep")));
    assertThat(run("SELECT id, m, l[1], absent FROM \"users\" WHERE \"id\" = 'p'").items().get(0))
        .containsOnlyKeys("id", "m", "l");
  }

  @Test
  void whereOnKeyAndNonKeyAttributes() {
    client.putItem(r -> r.tableName(HASH).item(Map.of("id", s("a"), "age", n("30"), "city", s("Paris"))));
    client.putItem(r -> r.tableName(HASH).item(Map.of("id", s("b"), "age", n("15"))));

    assertThat(run("SELECT * FROM users WHERE id = 'a' AND age > 20").items()).hasSize(1);
    assertThat(run("SELECT * FROM users WHERE id = 'a' AND age > 40").items()).isEmpty();
    assertThat(run("SELECT id FROM users WHERE age BETWEEN 10 AND 20").items()).containsExactly(Map.of("id", s("b")));
    assertThat(run("SELECT id FROM users WHERE city IS MISSING").items()).containsExactly(Map.of("id", s("b")));
    assertThat(run("SELECT id FROM users WHERE city IS NOT MISSING AND contains(city, 'ar')").items())
        .containsExactly(Map.of("id", s("a")));
    assertThat(run("SELECT id FROM users WHERE id IN ['a', 'b', 'c'] AND NOT age = 15").items())
        .containsExactly(Map.of("id", s("a")));
    assertThat(run("SELECT id FROM users WHERE id = 'a' OR id = 'b'").items()).hasSize(2);
    assertThat(run("SELECT * FROM users").items()).hasSize(2);
    assertThat(run("SELECT * FROM users WHERE id = 'nobody'").items()).isEmpty();
  }

  @Test
  void sortKeyConditions_ordering_andPagingWithNextToken() {
    for (int i = 1; i <= 7; i++) {
      String sk = Integer.toString(i);
      client.putItem(r -> r.tableName(COMPOSITE).item(Map.of("pk", s("p"), "sk", n(sk), "kind", s(Integer.parseInt(sk) % 2 == 0 ? "even" : "odd"))));
    }
    client.putItem(r -> r.tableName(COMPOSITE).item(Map.of("pk", s("other"), "sk", n("1"))));

    assertThat(run("SELECT sk FROM events WHERE pk = 'p' AND sk >= 3 AND sk < 6").items())
        .extracting(i -> i.get("sk").n()).containsExactly("3", "4", "5");
    assertThat(run("SELECT sk FROM events WHERE pk = ? AND sk BETWEEN ? AND ? ORDER BY sk DESC", s("p"), n("2"), n("4"))
        .items()).extracting(i -> i.get("sk").n()).containsExactly("4", "3", "2");

    List<String> seen = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String next = token;
      ExecuteStatementResponse page = client.executeStatement(r -> r.statement("SELECT * FROM events WHERE pk = 'p'")
          .limit(3).nextToken(next).consistentRead(true));
      page.items().forEach(i -> seen.add(i.get("sk").n()));
      token = page.nextToken();
      pages++;
    } while (token != null);
    assertThat(seen).containsExactly("1", "2", "3", "4", "5", "6", "7");
    assertThat(pages).isEqualTo(3);

    assertThat(run("SELECT sk FROM \"events\".\"byKind\" WHERE kind = 'even'").items())
        .extracting(i -> i.get("sk").n()).containsExactlyInAnyOrder("2", "4", "6");
  }

  @Test
  void beginsWithOnTheSortKey() {
    client.createTable(r -> r.tableName("docs").billingMode(BillingMode.PAY_PER_REQUEST)
        .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH), k -> k.attributeName("sk").keyType(KeyType.RANGE))
        .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
            a -> a.attributeName("sk").attributeType(ScalarAttributeType.S)));
    for (String sk : List.of("prefix-a", "prefix-b", "other")) {
      client.putItem(r -> r.tableName("docs").item(Map.of("pk", s("x"), "sk", s(sk))));
    }
    assertThat(run("SELECT * FROM docs WHERE pk = 'x' AND begins_with(\"sk\", 'prefix-')").items())
        .extracting(i -> i.get("sk").s()).containsExactly("prefix-a", "prefix-b");
  }

  @Test
  void insertIsNotAnUpsert() {
    run("INSERT INTO users VALUE {'id': 'dup', 'v': 'first'}");
    DuplicateItemException e = catchThrowableOfType(DuplicateItemException.class,
        () -> run("INSERT INTO users VALUE {'id': 'dup', 'v': 'second'}"));
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Duplicate primary key exists in table");
    assertThat(get(HASH, Map.of("id", s("dup"))).get("v").s()).isEqualTo("first");

    run("DELETE FROM users WHERE id = 'dup'");
    run("INSERT INTO users VALUE {'id': ?, 'v': ?}", s("dup"), s("again"));
    assertThat(get(HASH, Map.of("id", s("dup"))).get("v").s()).isEqualTo("again");
  }

  @Test
  void updateSetsAndRemoves_andReturnsWhatWasAskedFor() {
    client.putItem(r -> r.tableName(HASH).item(Map.of("id", s("u"), "n", n("1"), "gone", s("x"),
        "list", AttributeValue.fromL(List.of(s("a"))), "labels", AttributeValue.fromSs(List.of("a", "b")),
        "m", AttributeValue.fromM(Map.of("k", s("v"))))));

    ExecuteStatementResponse r = run("UPDATE users SET n = n + 2 SET list = list_append(list, ['b']), m.k = 'w'"
        + " SET labels = set_add(labels, <<'c'>>) REMOVE gone WHERE id = 'u' RETURNING ALL NEW *");
    Map<String, AttributeValue> item = get(HASH, Map.of("id", s("u")));
    assertThat(r.items()).containsExactly(item);
    assertThat(item.get("n").n()).isEqualTo("3");
    assertThat(item.get("list").l()).extracting(AttributeValue::s).containsExactly("a", "b");
    assertThat(item.get("labels").ss()).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(item.get("m").m().get("k").s()).isEqualTo("w");
    assertThat(item).doesNotContainKey("gone");

    assertThat(run("UPDATE users SET \"set\" = set_delete(\"set\", <<'a'>>) WHERE id = 'u' RETURNING MODIFIED OLD *")
        .items()).isEmpty();
    assertThat(run("UPDATE users SET labels = set_delete(labels, <<'a'>>) WHERE id = 'u' RETURNING MODIFIED OLD *").items())
        .containsExactly(Map.of("labels", AttributeValue.fromSs(List.of("a", "b", "c"))));
    assertThat(get(HASH, Map.of("id", s("u"))).get("labels").ss()).containsExactlyInAnyOrder("b", "c");
  }

  @Test
  void updateNeedsAnExistingItemThatMatchesTheWhereClause() {
    assertThat(catchThrowableOfType(ConditionalCheckFailedException.class,
        () -> run("UPDATE users SET a = 1 WHERE id = 'absent'"))).isNotNull();
    assertThat(get(HASH, Map.of("id", s("absent")))).isEmpty();

    client.putItem(r -> r.tableName(HASH).item(Map.of("id", s("u"), "v", n("1"))));
    ConditionalCheckFailedException e = catchThrowableOfType(ConditionalCheckFailedException.class,
        () -> client.executeStatement(r -> r.statement("UPDATE users SET v = 2 WHERE id = 'u' AND v = 5")
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
    assertThat(e.item()).containsEntry("v", n("1"));

    DynamoDbException keyUpdate = catchThrowableOfType(DynamoDbException.class,
        () -> run("UPDATE users SET id = 'other' WHERE id = 'u'"));
    assertThat(keyUpdate.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
    DynamoDbException noKey = catchThrowableOfType(DynamoDbException.class, () -> run("UPDATE users SET v = 3 WHERE v = 1"));
    assertThat(noKey.awsErrorDetails().errorMessage())
        .isEqualTo("Where clause does not contain a mandatory equality on all key attributes");
  }

  @Test
  void deleteRemovesTheItem_aMissingItemIsNoError_aFalseConditionIs() {
    client.putItem(r -> r.tableName(HASH).item(Map.of("id", s("d"), "v", n("1"))));

    assertThat(catchThrowableOfType(ConditionalCheckFailedException.class,
        () -> run("DELETE FROM users WHERE id = 'd' AND v = 2"))).isNotNull();
    assertThat(run("DELETE FROM users WHERE id = 'd' AND v = 1 RETURNING ALL OLD *").items())
        .containsExactly(Map.of("id", s("d"), "v", n("1")));
    assertThat(get(HASH, Map.of("id", s("d")))).isEmpty();
    assertThat(run("DELETE FROM users WHERE id = 'd'").items()).isEmpty();
  }

  @Test
  void errors() {
    DynamoDbException syntax = catchThrowableOfType(DynamoDbException.class, () -> run("SELECTT * FROMM \"users\""));
    assertThat(syntax.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
    assertThat(syntax.awsErrorDetails().errorMessage()).startsWith("Statement wasn't well formed, can't be processed:");

    assertThat(catchThrowableOfType(ResourceNotFoundException.class,
        () -> run("SELECT * FROM \"nope\" WHERE id = 'x'"))).isNotNull();

    DynamoDbException count = catchThrowableOfType(DynamoDbException.class,
        () -> run("SELECT * FROM users WHERE id = ?", s("a"), s("b")));
    assertThat(count.awsErrorDetails().errorMessage()).isEqualTo("Number of parameters in request and statement don't match.");
    assertThat(catchThrowableOfType(DynamoDbException.class, () -> run("SELECT * FROM users WHERE id = ?"))
        .awsErrorDetails().errorMessage()).isEqualTo("Number of parameters in request and statement don't match.");

    DynamoDbException missingKey = catchThrowableOfType(DynamoDbException.class,
        () -> run("INSERT INTO users VALUE {'name': 'x'}"));
    assertThat(missingKey.awsErrorDetails().errorMessage()).contains("Missing the key id in the item");

    DynamoDbException limit = catchThrowableOfType(DynamoDbException.class,
        () -> client.executeStatement(r -> r.statement("SELECT * FROM users").limit(0)));
    assertThat(limit.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
  }

  @Test
  void consumedCapacityIsReported() {
    client.putItem(r -> r.tableName(HASH).item(Map.of("id", s("c"))));
    ExecuteStatementResponse r = client.executeStatement(b -> b.statement("SELECT * FROM users WHERE id = 'c'")
        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).consistentRead(true));
    assertThat(r.consumedCapacity().tableName()).isEqualTo(HASH);
    assertThat(r.consumedCapacity().capacityUnits()).isEqualTo(1.0);
  }

  // ---- batches -----------------------------------------------------------------------------

  private static BatchStatementRequest statement(String text) {
    return BatchStatementRequest.builder().statement(text).build();
  }

  @Test
  void batchAnswersEachStatementInOrder_withErrorsPerStatement() {
    client.putItem(r -> r.tableName(HASH).item(Map.of("id", s("b1"), "v", s("one"))));
    client.putItem(r -> r.tableName(HASH).item(Map.of("id", s("b2"), "v", s("two"))));

    BatchExecuteStatementResponse reads = client.batchExecuteStatement(r -> r.statements(
        statement("SELECT * FROM users WHERE id = 'b1'"),
        statement("SELECT v FROM users WHERE id = 'b2'"),
        statement("SELECT * FROM users WHERE id = 'absent'"),
        statement("SELECT * FROM \"nope\" WHERE id = 'x'")));
    assertThat(reads.responses()).hasSize(4);
    assertThat(reads.responses().get(0).item().get("v").s()).isEqualTo("one");
    assertThat(reads.responses().get(0).tableName()).isEqualTo(HASH);
    assertThat(reads.responses().get(1).item()).isEqualTo(Map.of("v", s("two")));
    assertThat(reads.responses().get(2).hasItem()).isFalse();
    assertThat(reads.responses().get(2).error()).isNull();
    assertThat(reads.responses().get(3).error().codeAsString()).isEqualTo("ResourceNotFound");

    BatchExecuteStatementResponse writes = client.batchExecuteStatement(r -> r.statements(
        statement("INSERT INTO users VALUE {'id': 'b3'}"),
        statement("INSERT INTO users VALUE {'id': 'b1'}"),
        statement("UPDATE users SET v = 'changed' WHERE id = 'b2'"),
        statement("UPDATE users SET v = 'x' WHERE id = 'absent'"),
        BatchStatementRequest.builder().statement("DELETE FROM users WHERE id = 'b1' AND v = 'wrong'")
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()));
    assertThat(writes.responses()).extracting(r -> r.error() == null ? "ok" : r.error().codeAsString())
        .containsExactly("ok", "DuplicateItem", "ok", "ConditionalCheckFailed", "ConditionalCheckFailed");
    assertThat(writes.responses().get(4).error().item()).containsEntry("v", s("one"));
    assertThat(get(HASH, Map.of("id", s("b3")))).isNotEmpty();
    assertThat(get(HASH, Map.of("id", s("b2"))).get("v").s()).isEqualTo("changed");
  }

  @Test
  void batchRequestChecks() {
    DynamoDbException empty = catchThrowableOfType(DynamoDbException.class,
        () -> client.batchExecuteStatement(r -> r.statements(List.of())));
    assertThat(empty.awsErrorDetails().errorCode()).isEqualTo("ValidationException");

    DynamoDbException mixed = catchThrowableOfType(DynamoDbException.class,
        () -> client.batchExecuteStatement(r -> r.statements(statement("SELECT * FROM users WHERE id = 'a'"),
            statement("INSERT INTO users VALUE {'id': 'a'}"))));
    assertThat(mixed.awsErrorDetails().errorCode()).isEqualTo("ValidationException");

    BatchExecuteStatementResponse notByKey = client.batchExecuteStatement(r -> r.statements(
        statement("SELECT * FROM users WHERE v = 'a'"), statement("SELECT * FROM users WHERE")));
    assertThat(notByKey.responses()).extracting(x -> x.error().codeAsString())
        .containsExactly("ValidationError", "ValidationError");
  }

  // ---- transactions ------------------------------------------------------------------------

  private static ParameterizedStatement tx(String text, AttributeValue... parameters) {
    ParameterizedStatement.Builder b = ParameterizedStatement.builder().statement(text);
    if (parameters.length > 0) {
      b.parameters(parameters);
    }
    return b.build();
  }

  @Test
  void transactionWritesAllOrNothing() {
    client.putItem(r -> r.tableName(HASH).item(Map.of("id", s("t-existing"), "v", s("before"))));

    client.executeTransaction(r -> r.transactStatements(
        tx("INSERT INTO users VALUE {'id': 't-new', 'v': 'new'}"),
        tx("UPDATE users SET v = 'after' WHERE id = ?", s("t-existing"))));
    assertThat(get(HASH, Map.of("id", s("t-new"))).get("v").s()).isEqualTo("new");
    assertThat(get(HASH, Map.of("id", s("t-existing"))).get("v").s()).isEqualTo("after");

    TransactionCanceledException e = catchThrowableOfType(TransactionCanceledException.class,
        () -> client.executeTransaction(r -> r.transactStatements(
            tx("INSERT INTO users VALUE {'id': 't-other'}"),
            tx("INSERT INTO users VALUE {'id': 't-new'}"),
            tx("DELETE FROM users WHERE id = 't-existing'"))));
    assertThat(e.cancellationReasons()).extracting(r -> r.code()).containsExactly("None", "DuplicateItem", "None");
    assertThat(e.awsErrorDetails().errorMessage())
        .isEqualTo("Transaction cancelled, please refer cancellation reasons for specific reasons [None, DuplicateItem, None]");
    assertThat(get(HASH, Map.of("id", s("t-other")))).isEmpty();
    assertThat(get(HASH, Map.of("id", s("t-existing")))).isNotEmpty();
  }

  @Test
  void transactionConditionChecksWithExists() {
    client.putItem(r -> r.tableName(HASH).item(Map.of("id", s("gate"), "open", AttributeValue.fromBool(false))));

    TransactionCanceledException e = catchThrowableOfType(TransactionCanceledException.class,
        () -> client.executeTransaction(r -> r.transactStatements(
            tx("EXISTS(SELECT * FROM users WHERE id = 'gate' AND open = true)"),
            tx("INSERT INTO users VALUE {'id': 'through'}"))));
    assertThat(e.cancellationReasons()).extracting(r -> r.code()).containsExactly("ConditionalCheckFailed", "None");
    assertThat(get(HASH, Map.of("id", s("through")))).isEmpty();

    client.executeTransaction(r -> r.transactStatements(
        tx("NOT EXISTS(SELECT * FROM users WHERE id = 'gate' AND open = true)"),
        tx("INSERT INTO users VALUE {'id': 'through'}")));
    assertThat(get(HASH, Map.of("id", s("through")))).isNotEmpty();
  }

  @Test
  void transactionClientRequestTokenAppliesOnce() {
    client.putItem(r -> r.tableName(HASH).item(Map.of("id", s("counter"), "n", n("0"))));
    for (int i = 0; i < 2; i++) {
      client.executeTransaction(r -> r.clientRequestToken("token-1")
          .transactStatements(tx("UPDATE users SET n = n + 1 WHERE id = 'counter'")));
    }
    assertThat(get(HASH, Map.of("id", s("counter"))).get("n").n()).isEqualTo("1");
  }

  @Test
  void transactionReadsReturnItemsInOrder() {
    client.putItem(r -> r.tableName(HASH).item(Map.of("id", s("r1"), "v", s("one"))));
    ExecuteTransactionResponse r = client.executeTransaction(b -> b.transactStatements(
        tx("SELECT v FROM users WHERE id = 'r1'"), tx("SELECT * FROM users WHERE id = 'r2'")));
    assertThat(r.responses()).hasSize(2);
    assertThat(r.responses().get(0).item()).isEqualTo(Map.of("v", s("one")));
    assertThat(r.responses().get(1).hasItem()).isFalse();
  }

  @Test
  void transactionRequestChecks() {
    assertThat(catchThrowableOfType(DynamoDbException.class,
        () -> client.executeTransaction(r -> r.transactStatements(List.of()))).awsErrorDetails().errorCode())
        .isEqualTo("ValidationException");
    assertThat(catchThrowableOfType(DynamoDbException.class,
        () -> client.executeTransaction(r -> r.transactStatements(tx("SELECT * FROM users WHERE id = 'a'"),
            tx("INSERT INTO users VALUE {'id': 'a'}")))).awsErrorDetails().errorCode())
        .isEqualTo("ValidationException");
    DynamoDbException twice = catchThrowableOfType(DynamoDbException.class,
        () -> client.executeTransaction(r -> r.transactStatements(tx("INSERT INTO users VALUE {'id': 'x'}"),
            tx("DELETE FROM users WHERE id = 'x'"))));
    assertThat(twice.awsErrorDetails().errorMessage())
        .isEqualTo("Transaction request cannot include multiple operations on one item");
  }
}
