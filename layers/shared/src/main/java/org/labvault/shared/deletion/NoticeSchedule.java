package org.labvault.shared.deletion;

import java.time.Instant;
import org.labvault.shared.config.Config;

/**
 * When an unconfirmed deletion notice is sent again: {@code afterSeconds} after the first
 * publication, then doubling (attempt N waits afterSeconds * 2^(N-1), see {@link RenotifyDelay}),
 * at most {@code maxAttempts} publications; after the last one's wait the notice is OVERDUE.
 */
public record NoticeSchedule(RenotifyDelay delay, int maxAttempts) {

  public NoticeSchedule {
    if (maxAttempts < 1) {
      throw new Config.ConfigException("renotification needs a positive attempt count");
    }
  }

  public NoticeSchedule(long afterSeconds, int maxAttempts) {
    this(new RenotifyDelay(afterSeconds), maxAttempts);
  }

  /** Read once at INIT: a function deployed with unusable values fails there, not on a notice. */
  public static NoticeSchedule from(Config config) {
    return new NoticeSchedule(RenotifyDelay.from(config),
        (int) Math.min(Integer.MAX_VALUE, config.requirePositive(Config.Names.RENOTIFY_MAX_ATTEMPTS)));
  }

  public long afterSeconds() {
    return delay.seconds();
  }

  /** When attempt {@code attempt}, published at {@code publishedAt}, is due for the next one (or OVERDUE). */
  public Instant nextDueAt(Instant publishedAt, int attempt) {
    return delay.dueAt(publishedAt, attempt);
  }

  public boolean isLast(int attempt) {
    return attempt >= maxAttempts;
  }
}
