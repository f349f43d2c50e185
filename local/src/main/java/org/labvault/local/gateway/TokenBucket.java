package org.labvault.local.gateway;

import java.util.function.LongSupplier;
import org.labvault.local.template.Model;

/**
 * API Gateway's throttle of one route: a bucket of {@code burstLimit} tokens, full at first and
 * refilled at {@code rateLimit} tokens a second; each request takes one, and a request that finds
 * none is refused. Time comes from a nanosecond supplier, so tests need not sleep.
 */
final class TokenBucket {

  /** What {@link #take()} answers when the request may pass. */
  static final long ADMITTED = 0;
  /** What {@link #take()} answers when the bucket never holds a token (a limit of 0 blocks the route). */
  static final long NEVER = -1;
  private static final double NANOS_PER_SECOND = 1e9;
  /** Keeps a wait of exactly n seconds from rounding up to n + 1 through floating-point error. */
  private static final double ROUNDING_SLACK = 1e-9;

  private final int burstLimit;
  private final double rateLimit;
  private final LongSupplier nanoTime;
  private double tokens;
  private long refilledAt;

  TokenBucket(Model.Throttle throttle, LongSupplier nanoTime) {
    this.burstLimit = throttle.burstLimit();
    this.rateLimit = throttle.rateLimit();
    this.nanoTime = nanoTime;
    this.tokens = burstLimit;
    this.refilledAt = nanoTime.getAsLong();
  }

  /**
   * Takes a token: {@link #ADMITTED}, else the whole seconds (at least 1) until the bucket holds a
   * token again, or {@link #NEVER}.
   */
  synchronized long take() {
    long now = nanoTime.getAsLong();
    tokens = Math.min(burstLimit, tokens + (now - refilledAt) / NANOS_PER_SECOND * rateLimit);
    refilledAt = now;
    if (tokens >= 1) {
      tokens -= 1;
      return ADMITTED;
    }
    if (burstLimit < 1 || rateLimit <= 0) {
      return NEVER;
    }
    return Math.max(1, (long) Math.ceil((1 - tokens) / rateLimit - ROUNDING_SLACK));
  }
}
