package org.labvault.shared.aws;

import org.labvault.shared.id.Ids;

/**
 * Jittered pauses between retries of throttled or conflicting calls. The jitter comes from the
 * random source a restored SnapStart copy renews ({@link Ids#random()}), so copies restored from one
 * snapshot do not back off in step.
 */
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
    sleep(Ids.random().nextLong(ceiling / 2, ceiling + 1));
  }

  /** Sleeps a random number of milliseconds below {@code bound}. */
  public static void jitter(int bound) {
    sleep(Ids.random().nextInt(bound));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while backing off", e);
    }
  }
}
