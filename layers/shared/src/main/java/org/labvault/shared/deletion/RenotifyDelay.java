package org.labvault.shared.deletion;

import java.time.Duration;
import java.time.Instant;
import org.labvault.shared.config.Config;

/**
 * How long an unconfirmed deletion notice waits before the schedule looks at it again:
 * {@code seconds} after its first publication (or, before that, after the deletion), doubling
 * with each attempt. Link deletion needs it too, because a notice intent enters the due index
 * the moment it is written.
 */
public record RenotifyDelay(long seconds) {

  /** No wait is longer than this, however large the parameters (keeps due times representable). */
  public static final Duration LONGEST_WAIT = Duration.ofDays(3650);

  public RenotifyDelay {
    if (seconds < 1) {
      throw new Config.ConfigException("renotification needs a positive delay");
    }
  }

  /** Read once at INIT: a function deployed with an unusable value fails there, not on a notice. */
  public static RenotifyDelay from(Config config) {
    return new RenotifyDelay(config.requirePositive(Config.Names.RENOTIFY_AFTER_SECONDS));
  }

  /** When attempt {@code attempt}, published (or owed) since {@code since}, is due for a look. */
  public Instant dueAt(Instant since, int attempt) {
    int doublings = Math.max(0, Math.min(attempt - 1, 40));
    long longest = LONGEST_WAIT.toSeconds();
    long wait = seconds > longest >> doublings ? longest : seconds << doublings;
    return since.plusSeconds(Math.min(wait, longest));
  }
}
