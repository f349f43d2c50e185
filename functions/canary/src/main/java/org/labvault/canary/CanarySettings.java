package org.labvault.canary;

import java.time.Duration;

/**
 * How long the canary waits.
 *
 * @param runBudget the whole run, clean-up excepted; below the function's timeout (template: 120 s)
 * @param verifyTimeout how long an uploaded object may take to become AVAILABLE
 * @param pollInterval between two reads of the asset while it is verified
 * @param leftoverAge a group of the canary older than this is a leftover of an earlier run (younger
 *     ones may belong to a run going on right now, started by hand)
 */
public record CanarySettings(Duration runBudget, Duration verifyTimeout, Duration pollInterval, Duration leftoverAge) {

  /** The deployed values: a run takes seconds; S3 notifications arrive within seconds. */
  public static CanarySettings standard() {
    return new CanarySettings(Duration.ofSeconds(90), Duration.ofSeconds(45), Duration.ofMillis(500),
        Duration.ofMinutes(5));
  }
}
