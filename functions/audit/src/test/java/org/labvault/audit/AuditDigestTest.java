package org.labvault.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labvault.audit.domain.BrokenLink;
import org.labvault.audit.domain.Digest;
import org.labvault.audit.domain.DigestHead;
import org.labvault.audit.domain.VerifyReport;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.audit.AuditRecord;
import org.labvault.shared.aws.AuditItems;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.testing.EmbeddedTable;
import org.labvault.shared.testing.TestClock;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Signed digests taken over chains the real writer built, in the in-process table, then tampered with. */
class AuditDigestTest {

  static final int CHAINS = 3;

  private EmbeddedTable table;
  private TestClock clock;
  private TestAuditComponent c;

  @BeforeEach
  void setUp() {
    table = new EmbeddedTable();
    clock = new TestClock(Instant.parse("2026-11-23T08:00:00Z"));
    c = DaggerTestAuditComponent.factory().create(AuditTrailTest.config(CHAINS), table.client(), clock);
  }

  @AfterEach
  void tearDown() {
    table.close();
  }

  @Test
  void take_shouldNameEveryChainsHead_withGenesisForAChainWithoutRecords() {
    // given: records on some chains only
    writeRecords(2);
    Map<Integer, Long> seqs = new HashMap<>();
    for (int chain = 0; chain < CHAINS; chain++) {
      seqs.put(chain, headSeq(chain));
    }
    // when
    Digest d = c.writer().take("op-1", "req-digest");
    // then
    assertThat(d.seq()).isEqualTo(1);
    assertThat(d.prevSignature()).isEqualTo(Digest.FIRST);
    assertThat(d.algorithm()).isEqualTo("ECDSA_SHA_256");
    assertThat(d.keyId()).isEqualTo(FakeDigestKey.KEY_ID);
    assertThat(d.heads()).extracting(DigestHead::chain).containsExactly(0, 1, 2);
    for (DigestHead h : d.heads()) {
      if (seqs.get(h.chain()) < 0) {
        assertThat(h).isEqualTo(new DigestHead(h.chain(), 0, AuditRecord.GENESIS));
      } else {
        assertThat(h.seq()).isEqualTo(seqs.get(h.chain()));
        assertThat(h.hash()).isEqualTo(attr(h.chain(), h.seq(), "hash"));
      }
    }
    assertThat(d.heads()).anySatisfy(h -> assertThat(h.seq()).isZero());
    assertThat(c.trail().verify()).isEqualTo(VerifyReport.valid(3, CHAINS, 1));
  }

  @Test
  void take_shouldLinkEachDigestToTheSignatureOfThePreviousOne() {
    // given
    writeRecords(5);
    Digest first = c.writer().take("op-1", "req-1");
    writeRecords(5);
    // when
    Digest second = c.writer().take("op-1", "req-2");
    // then
    assertThat(second.seq()).isEqualTo(2);
    assertThat(second.prevSignature()).isEqualTo(first.signature());
    assertThat(second.signature()).isNotEqualTo(first.signature());
    VerifyReport report = c.trail().verify();
    assertThat(report.valid()).as(report.toString()).isTrue();
    assertThat(report.digests()).isEqualTo(2);
  }

  @Test
  void take_shouldNeverForkNorShareASeq_whenTakenConcurrently() throws Exception {
    // given
    writeRecords(6);
    List<Digest> taken = new ArrayList<>();
    // when: four writers take three digests each at the same time
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      List<Future<List<Digest>>> pending = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        int writer = w;
        pending.add(pool.submit(() -> {
          List<Digest> mine = new ArrayList<>();
          for (int i = 0; i < 3; i++) {
            mine.add(c.writer().take("op-" + writer, "req-" + writer + "-" + i));
          }
          return mine;
        }));
      }
      for (Future<List<Digest>> f : pending) {
        taken.addAll(f.get());
      }
    }
    // then: twelve digests in one line
    assertThat(taken).extracting(Digest::seq).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
    VerifyReport report = c.trail().verify();
    assertThat(report.valid()).as(report.toString()).isTrue();
    assertThat(report.digests()).isEqualTo(12);
  }

  @Test
  void verify_shouldNameTheSignedRecord_whenAChainWasEditedAndRehashedConsistentlyAfterADigest() {
    // given: a digest, then an editor who rewrites a record and every later hash of its chain and its head
    writeRecords(12);
    int chain = chainWithAtLeast(3);
    long signedSeq = headSeq(chain);
    c.writer().take("op-1", "req-digest");
    rewriteFrom(chain, 2, "actor", "somebody-else");
    // when
    VerifyReport report = c.trail().verify();
    // then: the chains verify by themselves, the digest does not
    assertThat(report.valid()).isFalse();
    assertThat(report.firstBroken()).isEqualTo(BrokenLink.namedBy(1, chain, signedSeq));
    assertThat(report.firstBroken().reason()).isEqualTo("DIGEST_HEAD_MISMATCH");
  }

  @Test
  void verify_shouldNameTheDigest_whenItsSignatureWasReplaced() {
    // given
    writeRecords(4);
    c.writer().take("op-1", "req-1");
    c.writer().take("op-1", "req-2");
    // when: digest 2 is given digest 1's (genuine) signature
    var second = digestItem(2);
    second.put("signature", digestItem(1).get("signature"));
    put(second);
    // then
    assertThat(c.trail().verify().firstBroken()).isEqualTo(BrokenLink.digest(2, BrokenLink.Reason.DIGEST_SIGNATURE_INVALID))
        .isEqualTo(new BrokenLink(BrokenLink.DIGESTS, 2, "DIGEST_SIGNATURE_INVALID", 2L));
  }

  @Test
  void verify_shouldNameTheDigest_whenItClaimsAnotherAlgorithmOrKey_orItsSignatureIsNoSignature() {
    writeRecords(4);
    c.writer().take("op-1", "req-1");
    Map<String, AttributeValue> genuine = digestItem(1);
    for (Map.Entry<String, String> tamper : List.of(Map.entry("algorithm", "RSASSA_PSS_SHA_256"),
        Map.entry("keyId", "another-key"), Map.entry("signature", "not base64!"), Map.entry("signature", "AAAA"))) {
      var item = new HashMap<>(genuine);
      item.put(tamper.getKey(), AttributeValue.fromS(tamper.getValue()));
      put(item);
      assertThat(c.trail().verify().firstBroken()).as(tamper.toString())
          .isEqualTo(new BrokenLink(BrokenLink.DIGESTS, 1, "DIGEST_SIGNATURE_INVALID", 1L));
    }
    put(genuine);
    assertThat(c.trail().verify().valid()).isTrue();
  }

  @Test
  void verify_shouldNameTheDigest_whenAHeadItNamesWasChanged() {
    // given
    writeRecords(4);
    c.writer().take("op-1", "req-1");
    // when: a head's hash in the stored digest is changed
    var item = digestItem(1);
    List<AttributeValue> heads = new ArrayList<>(item.get("heads").l());
    Map<String, AttributeValue> head = new HashMap<>(heads.getFirst().m());
    head.put("hash", AttributeValue.fromS("f".repeat(64)));
    heads.set(0, AttributeValue.fromM(head));
    item.put("heads", AttributeValue.fromL(heads));
    put(item);
    // then
    VerifyReport report = c.trail().verify();
    assertThat(report.firstBroken()).isEqualTo(BrokenLink.digest(1, BrokenLink.Reason.DIGEST_SIGNATURE_INVALID));
  }

  @Test
  void verify_shouldNameTheDigest_whenItIsSignedButLinksToAnotherPredecessor() {
    // given: digest 2 re-signed with the key over a wrong prevSignature
    writeRecords(4);
    c.writer().take("op-1", "req-1");
    Digest second = c.writer().take("op-1", "req-2");
    Digest relinked = Digest.unsigned(2, second.at(), second.heads(), Digest.FIRST, second.keyId());
    var item = digestItem(2);
    item.put("prevSignature", AttributeValue.fromS(Digest.FIRST));
    item.put("signature", AttributeValue.fromS(Base64.getEncoder().encodeToString(c.digestKey().sign(relinked.signedBytes()))));
    put(item);
    // when / then
    assertThat(c.trail().verify().firstBroken()).isEqualTo(BrokenLink.digest(2, BrokenLink.Reason.DIGEST_LINK_BROKEN));
  }

  @Test
  void verify_shouldNameTheMissingDigest_inTheMiddleAndAtTheEnd() {
    // given
    writeRecords(4);
    for (int i = 0; i < 3; i++) {
      c.writer().take("op-1", "req-" + i);
    }
    var second = digestItem(2);
    var third = digestItem(3);
    // when / then: the second removed
    delete(2);
    assertThat(c.trail().verify().firstBroken()).isEqualTo(BrokenLink.digest(2, BrokenLink.Reason.DIGEST_MISSING));
    // and when it is back and the last is removed, the digests' head names it
    put(second);
    delete(3);
    assertThat(c.trail().verify().firstBroken()).isEqualTo(BrokenLink.digest(3, BrokenLink.Reason.DIGEST_MISSING));
    put(third);
    assertThat(c.trail().verify().valid()).isTrue();
  }

  @Test
  void verify_shouldNameTheDigestThatShouldFollow_whenTheNewestWereRemovedWithTheHead_andARecordWaitedTooLong() {
    // given: two digests, then records; the second digest and the digests' head removed
    // (every remaining link is intact: only time tells)
    writeRecords(4);
    c.writer().take("op-1", "req-1");
    writeRecords(3);
    c.writer().take("op-1", "req-2");
    delete(2);
    table.client().deleteItem(r -> r.tableName(EmbeddedTable.NAME).key(Map.of(Keys.PK, AttributeValue.fromS(Keys.AUDIT_DIGESTS),
        Keys.SK, AttributeValue.fromS(Keys.AUDIT_HEAD))));
    var first = digestItem(1);
    var head = new java.util.HashMap<>(Map.of(Keys.PK, AttributeValue.fromS(Keys.AUDIT_DIGESTS),
        Keys.SK, AttributeValue.fromS(Keys.AUDIT_HEAD), "seq", AttributeValue.fromN("1"), "signature", first.get("signature")));
    put(head);
    // when / then: within the grace the records after digest 1 are not due yet
    assertThat(c.trail().verify().valid()).isTrue();
    // and two hours later they are: digest 2 is named as missing
    clock.advance(AuditTrail.DIGEST_GRACE.plusSeconds(1));
    assertThat(c.trail().verify().firstBroken()).isEqualTo(BrokenLink.digest(2, BrokenLink.Reason.DIGEST_MISSING));
  }

  @Test
  void verify_shouldNameTheFirstDigest_whenRecordsWaitedTooLongAndThereIsNone() {
    // given
    writeRecords(3);
    assertThat(c.trail().verify().valid()).isTrue();
    // when
    clock.advance(AuditTrail.DIGEST_GRACE.plusSeconds(1));
    // then: no digest ever covered them
    assertThat(c.trail().verify().firstBroken()).isEqualTo(BrokenLink.digest(1, BrokenLink.Reason.DIGEST_MISSING));
    // and a digest taken now covers them
    c.writer().take("op-1", "req-1");
    assertThat(c.trail().verify().valid()).isTrue();
  }

  @Test
  void verify_shouldNameTheLastDigest_whenTheDigestsHeadWasRemoved() {
    // given
    writeRecords(4);
    c.writer().take("op-1", "req-1");
    c.writer().take("op-1", "req-2");
    // when: the head is removed, as if no digest had been taken
    table.client().deleteItem(r -> r.tableName(EmbeddedTable.NAME).key(Map.of(Keys.PK, AttributeValue.fromS(Keys.AUDIT_DIGESTS),
        Keys.SK, AttributeValue.fromS(Keys.AUDIT_HEAD))));
    // then: the digests are still checked, and the missing head named
    assertThat(c.trail().verify().firstBroken()).isEqualTo(BrokenLink.digest(2, BrokenLink.Reason.DIGEST_LINK_BROKEN));
  }

  @Test
  void verify_shouldLeaveOutADigestBeyondTheHead_asOneAppendedDuringTheCheck() {
    // given: a digest item past the head (a digest being appended while the check reads)
    writeRecords(4);
    c.writer().take("op-1", "req-1");
    var extra = digestItem(1);
    extra.put(Keys.SK, AttributeValue.fromS(Keys.auditRecord(2)));
    extra.put("seq", AttributeValue.fromN("2"));
    put(extra);
    // when / then: it is left to the next check, not trusted
    assertThat(c.trail().verify()).isEqualTo(VerifyReport.valid(5, CHAINS, 1));
  }

  @Test
  void verify_shouldReportTheChainsFirst_whenARecordAndADigestAreBroken() {
    // given
    writeRecords(6);
    c.writer().take("op-1", "req-1");
    var digest = digestItem(1);
    digest.put("signature", AttributeValue.fromS("bm90IGEgc2lnbmF0dXJl"));
    put(digest);
    int chain = chainWithAtLeast(1);
    var record = recordItem(chain, 1);
    record.put("actor", AttributeValue.fromS("mallory"));
    put(record);
    // when / then
    assertThat(c.trail().verify().firstBroken()).isEqualTo(BrokenLink.at(chain, 1, BrokenLink.Reason.HASH_MISMATCH));
  }

  private void writeRecords(int n) {
    for (int i = 0; i < n; i++) {
      c.audit().record(new AuditEvent("user-" + i, "group:create", "group:g" + i, AuditEvent.Decision.ALLOW, "ADMIN",
          "req-" + clock.instant().getEpochSecond() + "-" + i, clock.instant()));
      clock.advance(Duration.ofSeconds(1));
    }
  }

  /** Edits record {@code from} of {@code chain}, then rehashes it and every later record, and moves the head on. */
  private void rewriteFrom(int chain, long from, String field, String value) {
    long last = headSeq(chain);
    String prev = attr(chain, from - 1, "hash");
    for (long seq = from; seq <= last; seq++) {
      var item = recordItem(chain, seq);
      if (seq == from) {
        item.put(field, AttributeValue.fromS(value));
      }
      item.put("prevHash", AttributeValue.fromS(prev));
      prev = AuditItems.record(item).computeHash();
      item.put("hash", AttributeValue.fromS(prev));
      put(item);
    }
    var head = new HashMap<>(get(Keys.auditChain(chain), Keys.AUDIT_HEAD));
    head.put("hash", AttributeValue.fromS(prev));
    put(head);
  }

  private int chainWithAtLeast(long records) {
    for (int chain = 0; chain < CHAINS; chain++) {
      if (headSeq(chain) >= records) {
        return chain;
      }
    }
    throw new AssertionError("no chain holds " + records + " records");
  }

  private long headSeq(int chain) {
    var head = get(Keys.auditChain(chain), Keys.AUDIT_HEAD);
    return head == null || head.isEmpty() ? -1 : Long.parseLong(head.get("seq").n());
  }

  private String attr(int chain, long seq, String name) {
    return recordItem(chain, seq).get(name).s();
  }

  private Map<String, AttributeValue> recordItem(int chain, long seq) {
    return new HashMap<>(get(Keys.auditChain(chain), Keys.auditRecord(seq)));
  }

  private Map<String, AttributeValue> digestItem(long seq) {
    return new HashMap<>(get(Keys.AUDIT_DIGESTS, Keys.auditRecord(seq)));
  }

  private Map<String, AttributeValue> get(String pk, String sk) {
    return table.client().getItem(r -> r.tableName(EmbeddedTable.NAME).consistentRead(true)
        .key(Map.of(Keys.PK, AttributeValue.fromS(pk), Keys.SK, AttributeValue.fromS(sk)))).item();
  }

  private void put(Map<String, AttributeValue> item) {
    table.client().putItem(r -> r.tableName(EmbeddedTable.NAME).item(item));
  }

  private void delete(long digestSeq) {
    table.client().deleteItem(r -> r.tableName(EmbeddedTable.NAME).key(Map.of(Keys.PK, AttributeValue.fromS(Keys.AUDIT_DIGESTS),
        Keys.SK, AttributeValue.fromS(Keys.auditRecord(digestSeq)))));
  }
}
