package org.labvault.audit.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The first place the audit trail does not verify: a record ({@code chain}, {@code seq}), or a
 * digest itself ({@code chain} -1, {@code seq} and {@code digestSeq} the digest's seq).
 *
 * @param reason one of {@link Reason}'s names
 * @param digestSeq the digest that found the break; null for a break the chains show by themselves
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BrokenLink(int chain, long seq, String reason, Long digestSeq) {

  /** The chain number a broken digest is reported under: it belongs to no chain. */
  public static final int DIGESTS = -1;

  /** Why the trail does not verify. */
  public enum Reason {
    /** No record holds this seq (removed), though a later one or the head says it existed. */
    RECORD_MISSING,
    /** The record stored at this seq says it is another seq or belongs to another chain (reordered). */
    OUT_OF_ORDER,
    /** The record's content does not hash to its hash (edited). */
    HASH_MISMATCH,
    /** The record does not link to the previous record's hash (edited or replaced before it). */
    PREV_HASH_MISMATCH,
    /** The chain's head does not name its last record. */
    HEAD_MISMATCH,
    /** A signed digest names this record with another hash (or the record is gone): the chain was rewritten. */
    DIGEST_HEAD_MISMATCH,
    /** The digest's signature does not verify with the digest key (forged or edited digest). */
    DIGEST_SIGNATURE_INVALID,
    /** The digest's prevSignature is not the previous digest's signature. */
    DIGEST_LINK_BROKEN,
    /** No digest holds this seq, though a later one or the digests' head says it existed. */
    DIGEST_MISSING
  }

  public static BrokenLink at(int chain, long seq, Reason reason) {
    return new BrokenLink(chain, seq, reason.name(), null);
  }

  /** A record that digest {@code digestSeq} names with another hash. */
  public static BrokenLink namedBy(long digestSeq, int chain, long seq) {
    return new BrokenLink(chain, seq, Reason.DIGEST_HEAD_MISMATCH.name(), digestSeq);
  }

  /** Digest {@code digestSeq} itself. */
  public static BrokenLink digest(long digestSeq, Reason reason) {
    return new BrokenLink(DIGESTS, digestSeq, reason.name(), digestSeq);
  }
}
