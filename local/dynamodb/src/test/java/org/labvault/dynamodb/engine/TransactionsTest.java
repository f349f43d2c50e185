package org.labvault.dynamodb.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.labvault.dynamodb.engine.Engines.TABLE;
import static org.labvault.dynamodb.engine.Engines.n;
import static org.labvault.dynamodb.engine.Engines.s;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.labvault.dynamodb.DynamoDb;
import org.labvault.dynamodb.testing.InMemoryEngine;
import org.labvault.dynamodb.testing.SdkClients;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** TransactWriteItems and TransactGetItems: all or nothing, reasons in order, idempotency, races. */
class TransactionsTest {

  @RegisterExtension final InMemoryEngine db = new InMemoryEngine(Engines::createTable);
  private DynamoDbClient client;

  @BeforeEach
  void start() {
    client = db.client();
  }

  private static Map<String, AttributeValue> key(String pk) {
    return Map.of("pk", s(pk), "sk", s("0"));
  }

  @Test
  void aFailedConditionCancelsEveryAction_withReasonsInOrderAndTheItem() {
    client.putItem(r -> r.tableName(TABLE).item(Map.of("pk", s("taken"), "sk", s("0"), "v", s("old"))));

    TransactionCanceledException e = catchThrowableOfType(TransactionCanceledException.class,
        () -> client.transactWriteItems(t -> t.transactItems(
            TransactWriteItem.builder().put(p -> p.tableName(TABLE).item(Map.of("pk", s("fresh"), "sk", s("0")))).build(),
            TransactWriteItem.builder().put(p -> p.tableName(TABLE).item(Map.of("pk", s("taken"), "sk", s("0")))
                .conditionExpression("attribute_not_exists(pk)")
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build())));

    assertThat(e.cancellationReasons()).extracting(r -> r.code()).containsExactly("None", "ConditionalCheckFailed");
    assertThat(e.cancellationReasons().get(1).item().get("v").s()).isEqualTo("old");
    assertThat(e.awsErrorDetails().errorMessage())
        .isEqualTo("Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]");
    assertThat(client.getItem(r -> r.tableName(TABLE).key(key("fresh"))).hasItem()).isFalse();
  }

  @Test
  void aClientRequestTokenAppliesOnce_andRefusesOtherParameters() {
    client.putItem(r -> r.tableName(TABLE).item(Map.of("pk", s("counter"), "sk", s("0"), "n", n("0"))));
    TransactWriteItem add = TransactWriteItem.builder().update(u -> u.tableName(TABLE).key(key("counter"))
        .updateExpression("ADD n :one").expressionAttributeValues(Map.of(":one", n("1")))).build();

    client.transactWriteItems(t -> t.clientRequestToken("token-1").transactItems(add));
    client.transactWriteItems(t -> t.clientRequestToken("token-1").transactItems(add));

    assertThat(client.getItem(r -> r.tableName(TABLE).key(key("counter"))).item().get("n").n()).isEqualTo("1");
    TransactWriteItem other = TransactWriteItem.builder().delete(d -> d.tableName(TABLE).key(key("counter"))).build();
    assertThat(catchThrowableOfType(IdempotentParameterMismatchException.class,
        () -> client.transactWriteItems(t -> t.clientRequestToken("token-1").transactItems(other)))).isNotNull();
  }

  @Test
  void aClientRequestTokenIsRememberedAcrossARestart(@TempDir Path dir) {
    TransactWriteItem add = TransactWriteItem.builder().update(u -> u.tableName(TABLE).key(key("counter"))
        .updateExpression("ADD n :one").expressionAttributeValues(Map.of(":one", n("1")))).build();
    try (DynamoDb engine = DynamoDb.open(dir); DynamoDbClient durable = SdkClients.client(engine)) {
      Engines.createTable(durable);
      durable.transactWriteItems(t -> t.clientRequestToken("retried").transactItems(add));
    }
    try (DynamoDb engine = DynamoDb.open(dir); DynamoDbClient durable = SdkClients.client(engine)) {
      durable.transactWriteItems(t -> t.clientRequestToken("retried").transactItems(add));
      assertThat(durable.getItem(r -> r.tableName(TABLE).key(key("counter"))).item().get("n").n()).isEqualTo("1");
    }
  }

  /** Two writers move one unit each from a balance of 1: exactly one may win, and the sum holds. */
  @Test
  void concurrentTransactionsAreSerializable() throws Exception {
    int rounds = 50;
    AtomicInteger wins = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < rounds; round++) {
        String from = "from-" + round;
        client.putItem(r -> r.tableName(TABLE).item(Map.of("pk", s(from), "sk", s("0"), "balance", n("1"))));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> racers = new ArrayList<>();
        for (int racer = 0; racer < 4; racer++) {
          String to = "to-" + round + "-" + racer;
          racers.add(pool.submit(() -> {
            go.await();
            try {
              client.transactWriteItems(t -> t.transactItems(
                  TransactWriteItem.builder().update(u -> u.tableName(TABLE).key(key(from))
                      .updateExpression("SET balance = balance - :one").conditionExpression("balance >= :one")
                      .expressionAttributeValues(Map.of(":one", n("1")))).build(),
                  TransactWriteItem.builder().put(p -> p.tableName(TABLE).item(Map.of("pk", s(to), "sk", s("0"),
                      "balance", n("1")))).build()));
              wins.incrementAndGet();
            } catch (TransactionCanceledException lost) {
              // the other racers lose the condition
            }
            return null;
          }));
        }
        go.countDown();
        for (Future<?> f : racers) {
          f.get();
        }
        assertThat(client.getItem(r -> r.tableName(TABLE).key(key(from))).item().get("balance").n()).isEqualTo("0");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(wins.get()).isEqualTo(rounds);
    assertThat(client.scan(r -> r.tableName(TABLE).filterExpression("begins_with(pk, :t)")
        .expressionAttributeValues(Map.of(":t", s("to-")))).count()).isEqualTo(rounds);
  }

  @Test
  void transactGetReadsSeveralItemsAtOnce() {
    client.putItem(r -> r.tableName(TABLE).item(Map.of("pk", s("a"), "sk", s("0"), "v", s("1"))));
    var response = client.transactGetItems(t -> t.transactItems(
        g -> g.get(x -> x.tableName(TABLE).key(key("a"))),
        g -> g.get(x -> x.tableName(TABLE).key(key("missing")))));
    assertThat(response.responses()).hasSize(2);
    assertThat(response.responses().get(0).item().get("v").s()).isEqualTo("1");
    assertThat(response.responses().get(1).hasItem()).isFalse();
  }
}
