package org.labvault.shared.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.labvault.shared.audit.AuditChains;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.audit.AuditRecord;
import org.labvault.shared.config.Config;
import org.labvault.shared.testing.EmbeddedTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

class DynamoAuditLogTest {

  private static final int CHAINS = 4;
  private final EmbeddedTable table = new EmbeddedTable();
  private final DynamoAuditLog log = new DynamoAuditLog(table.client(),
      Config.from(Map.of(Config.Names.TABLE_NAME, EmbeddedTable.NAME, Config.Names.AUDIT_CHAINS, Integer.toString(CHAINS))));

  @AfterEach
  void close() {
    table.close();
  }

  @Test
  void record_shouldStartAChainAtSeqOneWithTheGenesisHash_thenLinkTheNext() {
    // given
    String requestId = "req-a";
    int chain = AuditChains.of(requestId, CHAINS);
    // when
    log.record(event(requestId, "group:create"));
    log.record(event(requestId, "members:manage"));
    // then
    List<AuditRecord> records = chain(chain);
    assertThat(records).extracting(AuditRecord::seq).containsExactly(1L, 2L);
    assertThat(records.get(0).prevHash()).isEqualTo(AuditRecord.GENESIS);
    assertThat(records.get(1).prevHash()).isEqualTo(records.get(0).hash());
    assertThat(records).allSatisfy(r -> assertThat(r.computeHash()).isEqualTo(r.hash()));
    var head = table.client().getItem(r -> r.tableName(EmbeddedTable.NAME).key(AuditItems.headKey(chain))).item();
    assertThat(AuditItems.headSeq(head)).isEqualTo(2);
    assertThat(AuditItems.headHash(head)).isEqualTo(records.get(1).hash());
  }

  @Test
  void record_shouldListTheRecordInItsDayByTimeChainAndSeq() {
    // when
    log.record(event("req-b", "group:delete"));
    // then
    var items = table.client().query(q -> q.tableName(EmbeddedTable.NAME).indexName(Keys.GSI1)
        .keyConditionExpression("gsi1pk = :d").expressionAttributeValues(Map.of(":d", AttributeValue.fromS("AUDIT#2026-11-23"))))
        .items();
    assertThat(items).hasSize(1);
    assertThat(items.get(0).get(Keys.GSI1_SK).s())
        .isEqualTo("2026-11-23T08:00:00Z#00" + AuditChains.of("req-b", CHAINS) + "#000000000001");
  }

  @Test
  void record_shouldKeepEveryChainGapFree_when50WritersRecordAtOnce() throws Exception {
    // given
    int writers = 50;
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    // when
    try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
      for (int i = 0; i < writers; i++) {
        String requestId = "req-" + i;
        done.add(pool.submit(() -> {
          start.await();
          log.record(event(requestId, "assets:write"));
          log.record(event(requestId, "assets:delete"));
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get();
      }
    }
    // then: 100 records, each chain numbered 1..n without gaps or repeats and linked hash to hash
    int total = 0;
    Map<String, Integer> perRequest = new HashMap<>();
    for (int c = 0; c < CHAINS; c++) {
      List<AuditRecord> records = chain(c);
      String prev = AuditRecord.GENESIS;
      for (int i = 0; i < records.size(); i++) {
        AuditRecord r = records.get(i);
        assertThat(r.seq()).isEqualTo(i + 1);
        assertThat(r.prevHash()).isEqualTo(prev);
        assertThat(r.computeHash()).isEqualTo(r.hash());
        assertThat(AuditChains.of(r.requestId(), CHAINS)).isEqualTo(c);
        perRequest.merge(r.requestId(), 1, Integer::sum);
        prev = r.hash();
      }
      total += records.size();
    }
    assertThat(total).isEqualTo(2 * writers);
    assertThat(perRequest).hasSize(writers).allSatisfy((id, n) -> assertThat(n).isEqualTo(2));
  }

  @Test
  void record_shouldThrowSoTheActionFails_whenItKeepsLosingItsChainsRace() {
    // given: a table where another writer always takes the seq first
    AtomicInteger attempts = new AtomicInteger();
    DynamoDbClient alwaysBeaten = new DynamoDbClient() {
      @Override
      public GetItemResponse getItem(GetItemRequest request) {
        return GetItemResponse.builder().item(Map.of()).build();
      }

      @Override
      public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
        attempts.incrementAndGet();
        throw TransactionCanceledException.builder().message("beaten")
            .cancellationReasons(r -> r.code("ConditionalCheckFailed"), r -> r.code("None")).build();
      }

      @Override
      public String serviceName() {
        return "dynamodb";
      }

      @Override
      public void close() {}
    };
    var writer = new DynamoAuditLog(alwaysBeaten,
        Config.from(Map.of(Config.Names.TABLE_NAME, EmbeddedTable.NAME, Config.Names.AUDIT_CHAINS, "1")), 30);
    // when / then
    assertThatThrownBy(() -> writer.record(event("req-c", "group:delete")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("not written");
    assertThat(attempts).hasValue(30);
  }

  @Test
  void record_shouldRefuseToStart_whenAuditChainsIsOutOfRange() {
    var writer = new DynamoAuditLog(table.client(),
        Config.from(Map.of(Config.Names.TABLE_NAME, EmbeddedTable.NAME, Config.Names.AUDIT_CHAINS, "257")));
    assertThatThrownBy(() -> writer.record(event("req-d", "group:delete"))).isInstanceOf(Config.ConfigException.class)
        .hasMessageContaining("AUDIT_CHAINS");
  }

  private List<AuditRecord> chain(int chain) {
    return table.client().queryPaginator(q -> q.tableName(EmbeddedTable.NAME).consistentRead(true)
            .keyConditionExpression("pk = :p AND begins_with(sk, :s)")
            .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(Keys.auditChain(chain)), ":s", AttributeValue.fromS("SEQ#"))))
        .items().stream().map(AuditItems::record).toList();
  }

  @Test
  void recordWith_shouldWriteTheChangeAndItsRecordInOneTransaction_andTheRecordOnce() {
    // given
    AtomicInteger transactions = new AtomicInteger();
    DynamoDbClient counting = countingTransactions(transactions);
    var writer = new DynamoAuditLog(counting,
        Config.from(Map.of(Config.Names.TABLE_NAME, EmbeddedTable.NAME, Config.Names.AUDIT_CHAINS, "1")));
    // when
    String answer = writer.recordWith(event("req-t", "group:create"), () -> {
      Transactions.write(counting, List.of(putThing("thing-1")));
      return "made";
    });
    // then
    assertThat(answer).isEqualTo("made");
    assertThat(transactions).hasValue(1);
    assertThat(thing("thing-1")).isNotEmpty();
    assertThat(chain(0)).extracting(AuditRecord::action).containsExactly("group:create");
  }

  @Test
  void recordWith_shouldJoinAChangeOfUpToNinetyEightItems_andRecordALargerOneAfterIt() {
    // given
    AtomicInteger transactions = new AtomicInteger();
    DynamoDbClient counting = countingTransactions(transactions);
    var writer = new DynamoAuditLog(counting,
        Config.from(Map.of(Config.Names.TABLE_NAME, EmbeddedTable.NAME, Config.Names.AUDIT_CHAINS, "1")));
    // when: the largest change that leaves room for the record
    writer.recordWith(event("req-98", "group:purge"), () -> {
      Transactions.write(counting, things("a", Transactions.MAX_CHANGE_ITEMS));
      return null;
    });
    // then: one transaction of 100 items
    assertThat(transactions).hasValue(1);
    // and when: one item more, and the record follows in a transaction of its own
    writer.recordWith(event("req-99", "group:purge"), () -> {
      Transactions.write(counting, things("b", Transactions.MAX_CHANGE_ITEMS + 1));
      return null;
    });
    assertThat(transactions).hasValue(3);
    assertThat(chain(0)).extracting(AuditRecord::requestId).containsExactly("req-98", "req-99");
  }

  private static List<TxItem> things(String prefix, int count) {
    List<TxItem> items = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      items.add(putThing(prefix + i));
    }
    return items;
  }

  @Test
  void recordWith_shouldRecordNothing_whenTheChangesConditionFails_andAnswerTheChangesRefusal() {
    // given
    Transactions.write(table.client(), List.of(putThing("thing-2")));
    // when / then
    assertThatThrownBy(() -> log.recordWith(event("req-u", "group:create"), () -> {
      Transactions.write(table.client(), List.of(putThing("thing-2")));
      return null;
    })).isInstanceOf(IllegalArgumentException.class).hasMessage("thing-2 exists");
    assertThat(chain(AuditChains.of("req-u", CHAINS))).isEmpty();
  }

  @Test
  void recordWith_shouldLeaveTheChangeUnmade_whenItsRecordCannotBeChained() {
    // given: the chain's next key is taken by a record the head does not know (as after tampering)
    var writer = new DynamoAuditLog(table.client(),
        Config.from(Map.of(Config.Names.TABLE_NAME, EmbeddedTable.NAME, Config.Names.AUDIT_CHAINS, "1")), 30);
    writer.record(event("req-v", "group:create"));
    Map<String, AttributeValue> squatter = new HashMap<>(table.client().getItem(r -> r.tableName(EmbeddedTable.NAME)
        .key(Map.of(Keys.PK, AttributeValue.fromS(Keys.auditChain(0)), Keys.SK, AttributeValue.fromS(Keys.auditRecord(1))))).item());
    squatter.put(Keys.SK, AttributeValue.fromS(Keys.auditRecord(2)));
    table.client().putItem(r -> r.tableName(EmbeddedTable.NAME).item(squatter));
    // when / then
    assertThatThrownBy(() -> writer.recordWith(event("req-w", "group:delete"), () -> {
      Transactions.write(table.client(), List.of(putThing("thing-3")));
      return null;
    })).isInstanceOf(IllegalStateException.class).hasMessageContaining("not written");
    assertThat(thing("thing-3")).isEmpty();
  }

  @Test
  void recordWith_shouldRecordAfterTheChange_whenTheChangeWritesNoTransaction() {
    // when
    log.recordWith(event("req-x", "notice:create"), () -> {
      table.client().putItem(r -> r.tableName(EmbeddedTable.NAME).item(putThing("thing-4").item().put().item()));
      return null;
    });
    // then
    assertThat(thing("thing-4")).isNotEmpty();
    assertThat(chain(AuditChains.of("req-x", CHAINS))).extracting(AuditRecord::action).containsExactly("notice:create");
  }

  private static TxItem putThing(String id) {
    return Tx.put(EmbeddedTable.NAME, Map.of(Keys.PK, AttributeValue.fromS("THING#" + id), Keys.SK, AttributeValue.fromS("META")),
        "attribute_not_exists(#pk)", Map.of("#pk", Keys.PK), Map.of(), () -> new IllegalArgumentException(id + " exists"));
  }

  private Map<String, AttributeValue> thing(String id) {
    return table.client().getItem(r -> r.tableName(EmbeddedTable.NAME).consistentRead(true)
        .key(Map.of(Keys.PK, AttributeValue.fromS("THING#" + id), Keys.SK, AttributeValue.fromS("META")))).item();
  }

  /** The embedded table's client, counting the write transactions sent through it. */
  private DynamoDbClient countingTransactions(AtomicInteger transactions) {
    DynamoDbClient real = table.client();
    return new DynamoDbClient() {
      @Override
      public GetItemResponse getItem(GetItemRequest request) {
        return real.getItem(request);
      }

      @Override
      public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
        transactions.incrementAndGet();
        return real.transactWriteItems(request);
      }

      @Override
      public String serviceName() {
        return "dynamodb";
      }

      @Override
      public void close() {}
    };
  }

  private static AuditEvent event(String requestId, String action) {
    return new AuditEvent("user-1", action, "group:g1", AuditEvent.Decision.ALLOW, "ADMIN", requestId,
        Instant.parse("2026-11-23T08:00:00Z"));
  }
}
