package org.labvault.shared.asset.domain;

import org.labvault.shared.error.ErrorCode;

/**
 * An instrument's upload request, claimed by the asset it made: the same request id from the same
 * instrument answers the same asset, however often the message is delivered.
 */
public record RequestClaim(String instrumentId, String requestId) {

  /** How long a claim is kept: far longer than any redelivery of the message. */
  public static final java.time.Duration KEPT_FOR = java.time.Duration.ofDays(7);

  /** The conflict code a second claim of the same request meets. */
  public static final ErrorCode DUPLICATE = ErrorCode.DUPLICATE_REQUEST;

  /** The conflict code of a request whose instrument was revoked before its asset was stored. */
  public static final ErrorCode REVOKED = ErrorCode.INSTRUMENT_REVOKED;
}
