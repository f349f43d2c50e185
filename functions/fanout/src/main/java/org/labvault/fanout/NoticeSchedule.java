package org.labvault.fanout;

import java.time.Duration;
import java.time.Instant;
import org.labvault.shared.config.Config;

/**
 * When an unconfirmed deletion notice is sent again: {@code afterSeconds} after the first
 * publication, then doubling (attempt N waits afterSeconds * 2^(N-1)), at most {@code maxAttempts}
 * publications; after the last one's wait the notice is OVERDUE.
 */
record NoticeSchedule(long afterSeconds, int maxAttempts) {

  /** No wait is longer than this, however large the parameters (keeps due times representable). */
  static final Duration LONGEST_WAIT = Duration.ofDays(3650);

  NoticeSchedule {
    if (afterSeconds < 1 || maxAttempts < 1) {
      throw new Config.ConfigException("renotification needs a positive delay and attempt count");
    }
  }

  /** Read once at INIT: a function deployed with unusable values fails there, not on a notice. */
  static NoticeSchedule from(Config config) {
    return new NoticeSchedule(positive(config, Config.Names.RENOTIFY_AFTER_SECONDS),
        (int) Math.min(Integer.MAX_VALUE, positive(config, Config.Names.RENOTIFY_MAX_ATTEMPTS)));
  }

  /** When attempt {@code attempt}, published at {@code publishedAt}, is due for the next one (or OVERDUE). */
  Instant nextDueAt(Instant publishedAt, int attempt) {
    int doublings = Math.max(0, Math.min(attempt - 1, 40));
    long seconds = afterSeconds > LONGEST_WAIT.toSeconds() >> doublings
        ? LONGEST_WAIT.toSeconds() : afterSeconds << doublings;
    return publishedAt.plusSeconds(Math.min(seconds, LONGEST_WAIT.toSeconds()));
  }

  boolean isLast(int attempt) {
    return attempt >= maxAttempts;
  }

  private static long positive(Config config, String name) {
    String value = config.require(name);
    try {
      long n = Long.parseLong(value);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new Config.ConfigException("environment variable " + name + " must be a positive integer, not " + value);
  }
}
