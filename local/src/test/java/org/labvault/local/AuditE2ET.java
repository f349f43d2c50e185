package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.labvault.local.testing.HttpApi;
import org.labvault.local.testing.StackExtension;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.audit.AuditRecord;
import org.labvault.shared.aws.AuditItems;
import org.labvault.shared.aws.Keys;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The audit trail on the local stack: real API actions produce chained records an operator reads and
 * verifies; records changed, removed or swapped through the DynamoDB endpoint (with the stack's own
 * credentials) are found and named. Each tampering test puts the items back, so the next one starts
 * from a valid trail; the throughput test runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditE2ET {

  static final int CHAINS = 4;

  @RegisterExtension static final StackExtension STACK = new StackExtension(Map.of("AuditChains", Integer.toString(CHAINS)));

  static HttpApi api;
  static DynamoDbClient dynamo;
  static String table;
  static String alice;
  static String operator;
  static String since;
  static String createRequestId;

  @BeforeAll
  static void setUp() {
    since = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1).toString();
    api = STACK.api();
    dynamo = STACK.stack().dynamoDbClient();
    table = STACK.stack().model().tables().get("DataTable").tableName();
    alice = api.token("alice", "acme");
    operator = api.token("op-1", "platform", "operators");
    var created = api.postJson("/groups", alice, "{\"name\":\"audited lab\"}");
    assertThat(created.status()).isEqualTo(201);
    createRequestId = created.header("X-Request-Id");
    String group = created.json().path("groupId").asText();
    assertThat(api.postJson("/groups/" + group + "/invitations", alice, "{\"userId\":\"bob\",\"role\":\"EDIT\"}").status())
        .isEqualTo(201);
    // refusals are audited too: /ops routes asked for by a non-operator
    assertThat(api.post("/ops/audit/verify", alice).status()).isEqualTo(403);
    for (int i = 0; i < 6; i++) {
      assertThat(api.get("/ops/audit?since=" + since, alice).status()).isEqualTo(403);
    }
  }

  @Test
  void realActions_areReadableByAnOperator_oldestFirst_inTheContractsShape() {
    List<JsonNode> records = all();
    var created = records.stream().filter(r -> r.path("requestId").asText().equals(createRequestId)).toList();
    assertThat(created).isNotEmpty();
    assertThat(created.getFirst().path("actor").asText()).isEqualTo("alice");
    assertThat(created.getFirst().path("decision").asText()).isEqualTo("ALLOW");
    assertThat(records).anySatisfy(r -> {
      assertThat(r.path("action").asText()).isEqualTo("ops:access");
      assertThat(r.path("decision").asText()).isEqualTo("DENY");
      assertThat(r.path("role").isNull()).isTrue();
    });
    assertThat(records).allSatisfy(r -> assertThat(r.path("hash").asText()).hasSize(64));
    List<String> order = records.stream().map(r -> r.path("at").asText() + "#" + pad(r.path("chain").asLong())
        + "#" + pad(r.path("seq").asLong())).toList();
    assertThat(order).isSorted();
  }

  @Test
  void verify_isValid_whenNothingWasTouched() {
    // listed first: every use of an /ops route is itself audited, so the verification comes after
    int listed = all().size();
    JsonNode report = verify();
    assertThat(report.path("valid").asBoolean()).as(report.toString()).isTrue();
    assertThat(report.path("checked").asLong()).isGreaterThan(listed);
    assertThat(report.path("chains").asInt()).isEqualTo(CHAINS);
    assertThat(report.path("digests").asInt()).isZero();
  }

  @Test
  void aRecordChangedThroughTheDynamoDbEndpoint_isNamed() {
    JsonNode record = all().stream().filter(r -> r.path("requestId").asText().equals(createRequestId)).findFirst().orElseThrow();
    int chain = record.path("chain").asInt();
    long seq = record.path("seq").asLong();
    var original = item(chain, seq);
    var changed = new HashMap<>(original);
    changed.put("resource", AttributeValue.fromS("group:somebody-elses"));
    put(changed);
    try {
      assertBroken(chain, seq, "HASH_MISMATCH");
    } finally {
      put(original);
    }
    assertThat(verify().path("valid").asBoolean()).isTrue();
  }

  @Test
  void aRecordRemovedFromTheMiddle_isNamed() {
    int chain = chainWithAtLeast(2);
    var original = item(chain, 1);
    delete(chain, 1);
    try {
      assertBroken(chain, 1, "RECORD_MISSING");
    } finally {
      put(original);
    }
    assertThat(verify().path("valid").asBoolean()).isTrue();
  }

  @Test
  void twoRecordsSwapped_areNamedAtTheFirst() {
    int chain = chainWithAtLeast(2);
    var first = item(chain, 1);
    var second = item(chain, 2);
    var movedFirst = new HashMap<>(first);
    movedFirst.put(Keys.SK, AttributeValue.fromS(Keys.auditRecord(2)));
    var movedSecond = new HashMap<>(second);
    movedSecond.put(Keys.SK, AttributeValue.fromS(Keys.auditRecord(1)));
    put(movedFirst);
    put(movedSecond);
    try {
      assertBroken(chain, 1, "OUT_OF_ORDER");
    } finally {
      put(first);
      put(second);
    }
    assertThat(verify().path("valid").asBoolean()).isTrue();
  }

  @Test
  void theLastRecordOfAChainRemoved_isFoundThroughTheHead() {
    int chain = chainWithAtLeast(1);
    long last = headSeq(chain);
    var original = item(chain, last);
    delete(chain, last);
    try {
      assertBroken(chain, last, "RECORD_MISSING");
    } finally {
      put(original);
    }
    assertThat(verify().path("valid").asBoolean()).isTrue();
  }

  @Test
  void nonOperators_get403OnBothRoutes() {
    String bob = api.token("bob", "acme");
    var read = api.get("/ops/audit?since=" + since, bob);
    assertThat(read.status()).isEqualTo(403);
    assertThat(read.problemCode()).isEqualTo("FORBIDDEN");
    assertThat(api.post("/ops/audit/verify", bob).status()).isEqualTo(403);
  }

  @Test
  void badQueries_are400NamingTheParameter() {
    var noSince = api.get("/ops/audit", operator);
    assertThat(noSince.status()).as("no since: from the start of yesterday").isEqualTo(200);
    assertThat(noSince.json().path("items")).isNotEmpty();
    var badSince = api.get("/ops/audit?since=yesterday", operator);
    assertThat(badSince.status()).isEqualTo(400);
    assertThat(badSince.json().path("detail").asText()).contains("since");
    var badLimit = api.get("/ops/audit?since=" + since + "&limit=0", operator);
    assertThat(badLimit.status()).isEqualTo(400);
    assertThat(badLimit.json().path("detail").asText()).contains("limit");
    var badToken = api.get("/ops/audit?since=" + since + "&nextToken=abc.def", operator);
    assertThat(badToken.status()).isEqualTo(400);
    assertThat(badToken.json().path("detail").asText()).contains("nextToken");
  }

  /**
   * Throughput of the verification: 20,000 records appended to the chains in bulk (each hashed and
   * linked as the writer does, the heads moved on), then every chain verified.
   */
  @Test
  @Order(Integer.MAX_VALUE) // last: the other tests page through every record
  void verify_readsTwentyThousandRecordsQuickly() {
    int perChain = 5_000;
    for (int c = 0; c < CHAINS; c++) {
      appendInBulk(c, perChain);
    }
    verify(); // warm
    long started = System.nanoTime();
    JsonNode report = verify();
    double seconds = (System.nanoTime() - started) / 1e9;
    long checked = report.path("checked").asLong();
    System.out.printf("audit verify: %d records in %.2f s = %.0f records/s%n", checked, seconds, checked / seconds);
    assertThat(report.path("valid").asBoolean()).as(report.toString()).isTrue();
    assertThat(checked).isGreaterThanOrEqualTo((long) CHAINS * perChain);
  }

  /** Appends {@code n} chained records to {@code chain} with batch writes, then moves its head on. */
  private static void appendInBulk(int chain, int n) {
    long seq = headSeq(chain);
    var head = dynamo.getItem(r -> r.tableName(table).consistentRead(true).key(key(chain, Keys.AUDIT_HEAD))).item();
    String prev = seq == 0 ? AuditRecord.GENESIS : head.get("hash").s();
    List<WriteRequest> batch = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      AuditRecord r = AuditRecord.chained(new AuditEvent("load", "assets:write", "asset:a" + i, AuditEvent.Decision.ALLOW,
          "EDIT", "load-" + chain + "-" + i, Instant.now()), chain, ++seq, prev);
      prev = r.hash();
      batch.add(WriteRequest.builder().putRequest(p -> p.item(AuditItems.item(r))).build());
      if (batch.size() == 25 || i == n - 1) {
        var unprocessed = dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, List.copyOf(batch)))).unprocessedItems();
        assertThat(unprocessed).isEmpty();
        batch.clear();
      }
    }
    long last = seq;
    String lastHash = prev;
    var updated = new HashMap<>(head == null || head.isEmpty() ? key(chain, Keys.AUDIT_HEAD) : head);
    updated.put("seq", AttributeValue.fromN(Long.toString(last)));
    updated.put("hash", AttributeValue.fromS(lastHash));
    updated.put("type", AttributeValue.fromS(AuditItems.TYPE_HEAD));
    put(updated);
  }

  private static List<JsonNode> all() {
    List<JsonNode> records = new ArrayList<>();
    String token = null;
    do {
      var page = api.get("/ops/audit?since=" + since + "&limit=100"
          + (token == null ? "" : "&nextToken=" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8)), operator);
      assertThat(page.status()).as(page.body()).isEqualTo(200);
      page.json().path("items").forEach(records::add);
      token = page.json().path("nextToken").isTextual() ? page.json().path("nextToken").asText() : null;
    } while (token != null);
    return records;
  }

  private static JsonNode verify() {
    var answer = api.post("/ops/audit/verify", operator);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json();
  }

  private static void assertBroken(int chain, long seq, String reason) {
    JsonNode report = verify();
    assertThat(report.path("valid").asBoolean()).as(report.toString()).isFalse();
    assertThat(report.path("firstBroken").path("chain").asInt()).isEqualTo(chain);
    assertThat(report.path("firstBroken").path("seq").asLong()).isEqualTo(seq);
    assertThat(report.path("firstBroken").path("reason").asText()).isEqualTo(reason);
  }

  /** The lowest chain holding at least {@code n} records, so the first break is the one made. */
  private static int chainWithAtLeast(long n) {
    for (int c = 0; c < CHAINS; c++) {
      if (headSeq(c) >= n) {
        return c;
      }
    }
    throw new AssertionError("no chain holds " + n + " records");
  }

  private static long headSeq(int chain) {
    var head = dynamo.getItem(r -> r.tableName(table).consistentRead(true).key(key(chain, Keys.AUDIT_HEAD))).item();
    return head == null || head.isEmpty() ? 0 : Long.parseLong(head.get("seq").n());
  }

  private static Map<String, AttributeValue> item(int chain, long seq) {
    var item = dynamo.getItem(r -> r.tableName(table).consistentRead(true).key(key(chain, Keys.auditRecord(seq)))).item();
    assertThat(item).as("record %d of chain %d", seq, chain).isNotEmpty();
    return item;
  }

  private static void put(Map<String, AttributeValue> item) {
    dynamo.putItem(r -> r.tableName(table).item(item));
  }

  private static void delete(int chain, long seq) {
    dynamo.deleteItem(r -> r.tableName(table).key(key(chain, Keys.auditRecord(seq))));
  }

  private static Map<String, AttributeValue> key(int chain, String sk) {
    return Map.of(Keys.PK, AttributeValue.fromS(Keys.auditChain(chain)), Keys.SK, AttributeValue.fromS(sk));
  }

  private static String pad(long n) {
    return String.format("%012d", n);
  }
}
