package org.labvault.shared.aws;

import java.util.concurrent.ThreadLocalRandom;

/** Jittered exponential pauses between retries of throttled or conflicting DynamoDB calls. */
public final class Backoff {
  private static final long BASE_MILLIS = 10;
  private static final long MAX_MILLIS = 400;

  private Backoff() {}

  /** Sleeps before retry {@code attempt} (0: no pause). */
  public static void pause(int attempt) {
    if (attempt <= 0) {
      return;
    }
    long ceiling = Math.min(MAX_MILLIS, BASE_MILLIS << Math.min(attempt, 6));
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while backing off", e);
    }
  }
}
