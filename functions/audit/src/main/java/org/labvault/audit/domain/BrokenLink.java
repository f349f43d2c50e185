package org.labvault.audit.domain;

/**
 * The first place a chain does not verify.
 *
 * @param reason one of {@link Reason}'s names
 */
public record BrokenLink(int chain, long seq, String reason) {

  /** Why a chain does not verify. */
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
    HEAD_MISMATCH
  }

  public static BrokenLink at(int chain, long seq, Reason reason) {
    return new BrokenLink(chain, seq, reason.name());
  }
}
