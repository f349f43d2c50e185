package org.labvault.shared.audit;

import org.labvault.shared.config.Config;

/**
 * How records are spread over hash chains: {@link Config.Names#AUDIT_CHAINS} of them (the
 * template's AuditChains, 1..256), a record's chain chosen by its request id. Requests in flight at
 * the same time have different ids, so concurrent writers rarely race on the same chain head, and
 * every record of one request lands in one chain, in order.
 */
public final class AuditChains {
  public static final int MAX = 256;

  private AuditChains() {}

  /** The configured number of chains. */
  public static int count(Config config) {
    long n = config.requirePositive(Config.Names.AUDIT_CHAINS);
    if (n > MAX) {
      throw new Config.ConfigException(Config.Names.AUDIT_CHAINS + " must be at most " + MAX + ", not " + n);
    }
    return (int) n;
  }

  /** The chain (0..chains-1) that records of {@code requestId} join; String.hashCode is fixed by the JLS. */
  public static int of(String requestId, int chains) {
    return Math.floorMod(requestId == null ? 0 : requestId.hashCode(), chains);
  }
}
