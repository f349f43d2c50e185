package org.labvault.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labvault.audit.domain.AuditRecordView;
import org.labvault.audit.domain.BrokenLink;
import org.labvault.audit.domain.VerifyReport;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.audit.AuditLog;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.config.Config;
import org.labvault.shared.error.ValidationException;
import org.labvault.shared.paging.Page;
import org.labvault.shared.paging.PageRequest;
import org.labvault.shared.testing.EmbeddedTable;
import org.labvault.shared.testing.EmbeddedTableModule;
import org.labvault.shared.testing.TestClock;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reading and verifying chains the real writer built, in the in-process table, then tampered with. */
class AuditTrailTest {

  static final int CHAINS = 3;
  static final Instant START = Instant.parse("2026-11-23T08:00:00Z");

  private EmbeddedTable table;
  private TestClock clock;
  private AuditLog writer;
  private AuditTrail trail;

  @BeforeEach
  void setUp() {
    table = new EmbeddedTable();
    clock = new TestClock(START);
    var c = DaggerTestAuditComponent.factory().create(config(CHAINS), table.client(), clock);
    writer = c.audit();
    trail = c.trail();
  }

  @AfterEach
  void tearDown() {
    table.close();
  }

  static Config config(int chains) {
    return Config.from(Map.of(Config.Names.TABLE_NAME, EmbeddedTable.NAME, Config.Names.AUDIT_CHAINS, Integer.toString(chains),
        Config.Names.PAGE_TOKEN_KEY, EmbeddedTableModule.PAGE_TOKEN_KEY));
  }

  @Test
  void verify_shouldBeValid_whenNothingWasTouched() {
    // given
    int written = writeRecords(30);
    // when
    VerifyReport report = trail.verify();
    // then
    assertThat(report).isEqualTo(VerifyReport.valid(written, CHAINS, 0));
  }

  @Test
  void verify_shouldBeValid_whenNoRecordExistsYet() {
    assertThat(trail.verify()).isEqualTo(VerifyReport.valid(0, CHAINS, 0));
  }

  @Test
  void verify_shouldNameTheEditedRecord_whenAFieldWasChanged() {
    // given
    writeRecords(30);
    // when: the decision of chain 1's third record is rewritten
    update(1, 3, "decision", AttributeValue.fromS("ALLOW".equals(attr(1, 3, "decision")) ? "DENY" : "ALLOW"));
    // then
    assertThat(trail.verify().firstBroken()).isEqualTo(BrokenLink.at(1, 3, BrokenLink.Reason.HASH_MISMATCH));
  }

  @Test
  void verify_shouldNameTheNextRecord_whenAnEditedRecordWasRehashed() {
    // given: an editor who also recomputes the record's own hash
    writeRecords(30);
    var item = item(2, 2);
    item.put("actor", AttributeValue.fromS("somebody-else"));
    var rehashed = org.labvault.shared.aws.AuditItems.record(item);
    item.put("hash", AttributeValue.fromS(rehashed.computeHash()));
    table.client().putItem(r -> r.tableName(EmbeddedTable.NAME).item(item));
    // when / then: the next record no longer links to it
    assertThat(trail.verify().firstBroken()).isEqualTo(BrokenLink.at(2, 3, BrokenLink.Reason.PREV_HASH_MISMATCH));
  }

  @Test
  void verify_shouldNameTheMissingSeq_whenARecordWasRemoved() {
    // given
    writeRecords(30);
    // when
    delete(0, 4);
    // then
    VerifyReport report = trail.verify();
    assertThat(report.valid()).isFalse();
    assertThat(report.firstBroken()).isEqualTo(BrokenLink.at(0, 4, BrokenLink.Reason.RECORD_MISSING));
  }

  @Test
  void verify_shouldNameTheFirstOfTwoSwappedRecords() {
    // given
    writeRecords(30);
    var third = item(1, 3);
    var fourth = item(1, 4);
    // when: each record's content is moved under the other's key
    third.put(Keys.SK, AttributeValue.fromS(Keys.auditRecord(4)));
    fourth.put(Keys.SK, AttributeValue.fromS(Keys.auditRecord(3)));
    table.client().putItem(r -> r.tableName(EmbeddedTable.NAME).item(third));
    table.client().putItem(r -> r.tableName(EmbeddedTable.NAME).item(fourth));
    // then
    assertThat(trail.verify().firstBroken()).isEqualTo(BrokenLink.at(1, 3, BrokenLink.Reason.OUT_OF_ORDER));
  }

  @Test
  void verify_shouldNameTheRemovedLastRecord_throughTheChainHead() {
    // given
    writeRecords(30);
    long last = Long.parseLong(head(2).get("seq").n());
    // when
    delete(2, last);
    // then
    assertThat(trail.verify().firstBroken()).isEqualTo(BrokenLink.at(2, last, BrokenLink.Reason.RECORD_MISSING));
  }

  @Test
  void verify_shouldFindAHeadThatNamesAnotherHash() {
    // given
    writeRecords(10);
    long last = Long.parseLong(head(0).get("seq").n());
    // when
    var head = new HashMap<>(head(0));
    head.put("hash", AttributeValue.fromS("f".repeat(64)));
    table.client().putItem(r -> r.tableName(EmbeddedTable.NAME).item(head));
    // then
    assertThat(trail.verify().firstBroken()).isEqualTo(BrokenLink.at(0, last, BrokenLink.Reason.HEAD_MISMATCH));
  }

  @Test
  void since_shouldPageOldestFirstAcrossDays_byTimeThenChainThenSeq() {
    // given: records over two days, several within one second
    writeRecords(7);
    clock.advance(Duration.ofDays(1));
    writeRecords(5);
    // when
    List<AuditRecordView> all = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      Page<AuditRecordView> page = trail.since(START, new PageRequest(5, token));
      all.addAll(page.items());
      token = page.nextToken();
      pages++;
    } while (token != null);
    // then
    assertThat(all).hasSize(12);
    assertThat(pages).isEqualTo(3);
    assertThat(all).isSortedAccordingTo((a, b) -> (a.at() + "#" + pad(a.chain()) + "#" + pad(a.seq()))
        .compareTo(b.at() + "#" + pad(b.chain()) + "#" + pad(b.seq())));
    assertThat(all.getLast().at()).isEqualTo("2026-11-24T08:00:11Z");
  }

  @Test
  void since_shouldLeaveOutEarlierRecords() {
    // given
    writeRecords(4);
    // when
    var page = trail.since(START.plusSeconds(2), PageRequest.first(50));
    // then
    assertThat(page.items()).extracting(AuditRecordView::at).containsExactly("2026-11-23T08:00:02Z", "2026-11-23T08:00:03Z");
    assertThat(page.nextToken()).isNull();
  }

  @Test
  void since_shouldRefuseATokenIssuedForAnotherSince() {
    // given
    writeRecords(4);
    String token = trail.since(START, PageRequest.first(1)).nextToken();
    // when / then
    assertThatThrownBy(() -> trail.since(START.plusSeconds(1), new PageRequest(1, token)))
        .isInstanceOf(ValidationException.class).hasMessageContaining("nextToken");
  }

  /** Writes {@code n} records, one a second, each of its own request; returns n. */
  private int writeRecords(int n) {
    for (int i = 0; i < n; i++) {
      writer.record(new AuditEvent("user-" + i, i % 2 == 0 ? "group:create" : "members:manage", "group:g" + i,
          i % 3 == 0 ? AuditEvent.Decision.DENY : AuditEvent.Decision.ALLOW, i % 3 == 0 ? null : "ADMIN",
          "req-" + clock.instant().getEpochSecond() + "-" + i, clock.instant()));
      clock.advance(Duration.ofSeconds(1));
    }
    return n;
  }

  private static String pad(long n) {
    return String.format("%012d", n);
  }

  private Map<String, AttributeValue> head(int chain) {
    return table.client().getItem(r -> r.tableName(EmbeddedTable.NAME).consistentRead(true).key(key(chain, Keys.AUDIT_HEAD))).item();
  }

  private Map<String, AttributeValue> item(int chain, long seq) {
    return new HashMap<>(table.client().getItem(r -> r.tableName(EmbeddedTable.NAME).consistentRead(true)
        .key(key(chain, Keys.auditRecord(seq)))).item());
  }

  private String attr(int chain, long seq, String name) {
    return item(chain, seq).get(name).s();
  }

  private void update(int chain, long seq, String name, AttributeValue value) {
    var item = item(chain, seq);
    item.put(name, value);
    table.client().putItem(r -> r.tableName(EmbeddedTable.NAME).item(item));
  }

  private void delete(int chain, long seq) {
    table.client().deleteItem(r -> r.tableName(EmbeddedTable.NAME).key(key(chain, Keys.auditRecord(seq))));
  }

  private static Map<String, AttributeValue> key(int chain, String sk) {
    return Map.of(Keys.PK, AttributeValue.fromS(Keys.auditChain(chain)), Keys.SK, AttributeValue.fromS(sk));
  }
}
