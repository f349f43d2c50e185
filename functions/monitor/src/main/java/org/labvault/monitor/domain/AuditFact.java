package org.labvault.monitor.domain;

import java.time.Instant;

/**
 * What the rules read of one audit record: who did what to what, allowed or refused, and where the
 * record sits in its chain (chain and seq name it for good, so a record delivered twice is known).
 */
public record AuditFact(int chain, long seq, Instant at, String actor, String action, String resource,
    boolean allowed, String requestId) {

  /** The record's own name, fixed width: time first, so string order is time order. */
  public String member() {
    return org.labvault.shared.time.Times.format(at) + "#" + pad(chain, 3) + "#" + pad(seq, 12);
  }

  private static String pad(long n, int width) {
    String digits = Long.toString(n);
    return "0".repeat(Math.max(0, width - digits.length())) + digits;
  }
}
