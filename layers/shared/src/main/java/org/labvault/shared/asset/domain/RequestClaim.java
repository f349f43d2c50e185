package org.labvault.shared.asset.domain;

/**
 * An instrument's upload request, claimed by the asset it made: the same request id from the same
 * instrument answers the same asset, however often the message is delivered.
 */
public record RequestClaim(String instrumentId, String requestId) {

  /** How long a claim is kept: far longer than any redelivery of the message. */
  public static final java.time.Duration KEPT_FOR = java.time.Duration.ofDays(7);
}
