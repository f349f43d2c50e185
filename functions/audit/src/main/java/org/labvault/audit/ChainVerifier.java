package org.labvault.audit;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.labvault.audit.domain.BrokenLink;
import org.labvault.audit.domain.BrokenLink.Reason;
import org.labvault.audit.domain.ChainHead;
import org.labvault.audit.domain.StoredRecord;
import org.labvault.shared.audit.AuditRecord;

/**
 * Checks one chain: seqs from 1 without gaps, each record where its key says, each record's hash
 * recomputed, each prevHash the previous record's hash, and the head naming the last record (so
 * that removing the newest records is found too). Stops at the first break. On the way it keeps
 * the hashes of the seqs signed digests name, for the digests' check.
 */
final class ChainVerifier {

  /**
   * What one chain's check found: how many records were read, the first break if any, the last
   * record, and the hash of every record a digest names (by seq).
   */
  record Result(int chain, long checked, BrokenLink broken, ChainHead last, Map<Long, String> named) {
    Result(int chain, long checked, BrokenLink broken, ChainHead last) {
      this(chain, checked, broken, last, Map.of());
    }
  }

  private ChainVerifier() {}

  /**
   * Checks the records up to the head read before them: a record written while the chain is read
   * (any request, the digest's own) is left to the next verification. A record beyond that head
   * is a break only if the head, read again, still does not reach it (a head moved back, or a
   * record put in by hand).
   */
  static Result verify(int chain, Optional<ChainHead> head, Iterable<StoredRecord> records, Set<Long> wanted,
      Supplier<Optional<ChainHead>> headNow) {
    long limit = head.map(ChainHead::seq).orElse(0L);
    Map<Long, String> named = new HashMap<>();
    long expected = 1;
    String prev = AuditRecord.GENESIS;
    long checked = 0;
    long beyond = 0;
    for (StoredRecord stored : records) {
      if (expected > limit) {
        // every seq the head counted was checked: what follows was written since (or put in by hand)
        beyond = stored.position();
        break;
      }
      checked++;
      AuditRecord r = stored.record();
      if (stored.position() != expected) {
        Reason reason = stored.position() > expected ? Reason.RECORD_MISSING : Reason.OUT_OF_ORDER;
        return new Result(chain, checked, BrokenLink.at(chain, expected, reason), null);
      }
      if (r.seq() != expected || r.chain() != chain) {
        return new Result(chain, checked, BrokenLink.at(chain, expected, Reason.OUT_OF_ORDER), null);
      }
      if (!Objects.equals(r.computeHash(), r.hash())) {
        return new Result(chain, checked, BrokenLink.at(chain, expected, Reason.HASH_MISMATCH), null);
      }
      if (!prev.equals(r.prevHash())) {
        return new Result(chain, checked, BrokenLink.at(chain, expected, Reason.PREV_HASH_MISMATCH), null);
      }
      prev = r.hash();
      if (!wanted.isEmpty() && wanted.contains(expected)) {
        named.put(expected, prev);
      }
      expected++;
    }
    long last = expected - 1;
    if (beyond > 0 && headNow.get().map(ChainHead::seq).orElse(0L) < beyond) {
      return new Result(chain, checked, BrokenLink.at(chain, beyond, Reason.HEAD_MISMATCH), null);
    }
    ChainHead tail = new ChainHead(last, prev);
    if (head.isEmpty()) {
      return last == 0 ? new Result(chain, checked, null, null, named)
          : new Result(chain, checked, BrokenLink.at(chain, last, Reason.HEAD_MISMATCH), null);
    }
    ChainHead h = head.get();
    if (h.seq() > last) {
      // the newest records are gone: the first missing one is named
      return new Result(chain, checked, BrokenLink.at(chain, last + 1, Reason.RECORD_MISSING), null);
    }
    if (h.seq() != last || !Objects.equals(h.hash(), prev)) {
      return new Result(chain, checked, BrokenLink.at(chain, last, Reason.HEAD_MISMATCH), null);
    }
    return new Result(chain, checked, null, tail, named);
  }
}
