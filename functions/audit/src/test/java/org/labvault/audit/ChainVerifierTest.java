package org.labvault.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.labvault.audit.domain.BrokenLink;
import org.labvault.audit.domain.ChainHead;
import org.labvault.audit.domain.StoredRecord;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.audit.AuditRecord;

/** One chain checked while writers go on appending to it. */
class ChainVerifierTest {

  private static List<StoredRecord> chainOf(int records) {
    List<StoredRecord> chain = new ArrayList<>();
    String prev = AuditRecord.GENESIS;
    for (int seq = 1; seq <= records; seq++) {
      AuditRecord r = AuditRecord.chained(new AuditEvent("alice", "group:create", "group:g" + seq,
          AuditEvent.Decision.ALLOW, "ADMIN", "req-" + seq, Instant.parse("2026-11-30T08:00:00Z")), 0, seq, prev);
      chain.add(new StoredRecord(seq, r));
      prev = r.hash();
    }
    return chain;
  }

  private static Optional<ChainHead> headAt(List<StoredRecord> chain, int seq) {
    return Optional.of(new ChainHead(seq, chain.get(seq - 1).record().hash()));
  }

  @Test
  void aRecordWrittenAfterTheHeadWasRead_isLeftToTheNextVerification() {
    // given: the head said 2 when it was read; a writer has added record 3 since, and moved the head
    List<StoredRecord> chain = chainOf(3);
    // when
    var result = ChainVerifier.verify(0, headAt(chain, 2), chain, Set.of(), () -> headAt(chain, 3));
    // then
    assertThat(result.broken()).isNull();
    assertThat(result.checked()).isEqualTo(2);
  }

  @Test
  void aRecordNoHeadReaches_isABreak_evenWhenReadAfterTheHead() {
    // given: record 3 stands in the table, but the head, read again, still says 2 (moved back by hand)
    List<StoredRecord> chain = chainOf(3);
    // when
    var result = ChainVerifier.verify(0, headAt(chain, 2), chain, Set.of(), () -> headAt(chain, 2));
    // then
    assertThat(result.broken()).isEqualTo(BrokenLink.at(0, 3, BrokenLink.Reason.HEAD_MISMATCH));
  }

  @Test
  void aGapBelowTheHead_isStillTheMissingRecord() {
    // given: record 2 removed, the head says 3
    List<StoredRecord> chain = new ArrayList<>(chainOf(3));
    chain.remove(1);
    // when
    var result = ChainVerifier.verify(0, headAt(chainOf(3), 3), chain, Set.of(), () -> headAt(chainOf(3), 3));
    // then
    assertThat(result.broken()).isEqualTo(BrokenLink.at(0, 2, BrokenLink.Reason.RECORD_MISSING));
  }
}
