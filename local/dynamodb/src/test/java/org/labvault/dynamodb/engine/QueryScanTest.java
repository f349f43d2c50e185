package org.labvault.dynamodb.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.labvault.dynamodb.engine.Engines.TABLE;
import static org.labvault.dynamodb.engine.Engines.n;
import static org.labvault.dynamodb.engine.Engines.s;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.labvault.dynamodb.testing.InMemoryEngine;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** Query and Scan: key order, conditions, filters, indexes, paging and segments. */
class QueryScanTest {

  @RegisterExtension final InMemoryEngine db = new InMemoryEngine(Engines::createTable);
  private DynamoDbClient client;

  @BeforeEach
  void start() {
    client = db.client();
    for (int i = 0; i < 20; i++) {
      int k = i;
      client.putItem(r -> r.tableName(TABLE).item(Map.of("pk", s("p" + (k % 2)), "sk", s(String.format("s%02d", k)),
          "gpk", s(k < 10 ? "low" : "high"), "gsk", n(String.valueOf(100 - k)), "lsk", n(String.valueOf(-k)),
          "even", AttributeValue.fromBool(k % 2 == 0))));
    }
    client.putItem(r -> r.tableName(TABLE).item(Map.of("pk", s("p0"), "sk", s("z-no-index"), "status", s("NEW"))));
  }

  @Test
  void aQueryReadsOnePartitionInSortKeyOrder_bothWays() {
    QueryResponse forward = client.query(r -> r.tableName(TABLE).keyConditionExpression("pk = :p AND begins_with(sk, :s)")
        .expressionAttributeValues(Map.of(":p", s("p1"), ":s", s("s0"))));
    assertThat(forward.items()).extracting(i -> i.get("sk").s()).containsExactly("s01", "s03", "s05", "s07", "s09");

    QueryResponse backward = client.query(r -> r.tableName(TABLE).keyConditionExpression("pk = :p AND sk BETWEEN :a AND :b")
        .expressionAttributeValues(Map.of(":p", s("p0"), ":a", s("s04"), ":b", s("s10"))).scanIndexForward(false));
    assertThat(backward.items()).extracting(i -> i.get("sk").s()).containsExactly("s10", "s08", "s06", "s04");
  }

  @Test
  void numbersSortByValue_inALocalIndex() {
    QueryResponse r = client.query(q -> q.tableName(TABLE).indexName("byL").keyConditionExpression("pk = :p AND lsk > :n")
        .expressionAttributeValues(Map.of(":p", s("p0"), ":n", n("-7"))));
    assertThat(r.items()).extracting(i -> i.get("lsk").n()).containsExactly("-6", "-4", "-2", "0");
  }

  @Test
  void aSparseGlobalIndexHoldsOnlyItemsWithItsKeys_andPagesWithLastEvaluatedKey() {
    List<String> seen = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    int pages = 0;
    do {
      Map<String, AttributeValue> from = start;
      QueryResponse page = client.query(q -> q.tableName(TABLE).indexName("byG").keyConditionExpression("gpk = :g")
          .expressionAttributeValues(Map.of(":g", s("high"))).limit(3).exclusiveStartKey(from));
      page.items().forEach(i -> seen.add(i.get("gsk").n()));
      start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
      if (start != null) {
        assertThat(start).containsOnlyKeys("pk", "sk", "gpk", "gsk");
      }
      pages++;
    } while (start != null);
    assertThat(seen).containsExactly("81", "82", "83", "84", "85", "86", "87", "88", "89", "90");
    assertThat(pages).isEqualTo(4);
  }

  @Test
  void aKeysOnlyIndexAnswersOnlyKeys_andRefusesConsistentReads() {
    QueryResponse r = client.query(q -> q.tableName(TABLE).indexName("byStatus").keyConditionExpression("#s = :s")
        .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(Map.of(":s", s("NEW"))));
    assertThat(r.items()).hasSize(1);
    assertThat(r.items().get(0)).containsOnlyKeys("pk", "sk", "status");

    DynamoDbException e = catchThrowableOfType(DynamoDbException.class,
        () -> client.query(q -> q.tableName(TABLE).indexName("byStatus").consistentRead(true).keyConditionExpression("#s = :s")
            .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(Map.of(":s", s("NEW")))));
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Consistent reads are not supported on global secondary indexes");
  }

  @Test
  void aFilterRunsAfterTheLimit_andCountsStayHonest() {
    QueryResponse r = client.query(q -> q.tableName(TABLE).keyConditionExpression("pk = :p").filterExpression("even = :t")
        .expressionAttributeValues(Map.of(":p", s("p1"), ":t", AttributeValue.fromBool(true))).limit(4));
    assertThat(r.count()).isZero();
    assertThat(r.scannedCount()).isEqualTo(4);
    assertThat(r.lastEvaluatedKey()).isNotEmpty();

    QueryResponse count = client.query(q -> q.tableName(TABLE).keyConditionExpression("pk = :p")
        .expressionAttributeValues(Map.of(":p", s("p0"))).select(Select.COUNT));
    assertThat(count.count()).isEqualTo(11);
    assertThat(count.items()).isEmpty();
  }

  @Test
  void parallelScanSegmentsPartitionTheTable() {
    Set<String> all = new HashSet<>();
    int total = 0;
    for (int segment = 0; segment < 3; segment++) {
      int seg = segment;
      ScanResponse r = client.scan(q -> q.tableName(TABLE).segment(seg).totalSegments(3));
      total += r.count();
      r.items().forEach(i -> all.add(i.get("pk").s() + "/" + i.get("sk").s()));
    }
    assertThat(total).isEqualTo(21);
    assertThat(all).hasSize(21);
  }

  @Test
  void aProjectionKeepsNestedStructure() {
    client.putItem(r -> r.tableName(TABLE).item(Map.of("pk", s("doc"), "sk", s("1"),
        "a", AttributeValue.fromM(Map.of("b", AttributeValue.fromL(List.of(s("x"), s("y"))), "c", s("no"))))));
    Map<String, AttributeValue> item = client.getItem(r -> r.tableName(TABLE).key(Map.of("pk", s("doc"), "sk", s("1")))
        .projectionExpression("a.b[1]")).item();
    assertThat(item).containsOnlyKeys("a");
    assertThat(item.get("a").m()).containsOnlyKeys("b");
    assertThat(item.get("a").m().get("b").l()).extracting(AttributeValue::s).containsExactly("y");
  }
}
