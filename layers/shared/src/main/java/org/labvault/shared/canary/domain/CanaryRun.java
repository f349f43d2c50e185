package org.labvault.shared.canary.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one run of the synthetic transaction.
 *
 * @param runId chosen by the run (a ULID), so a retried write stores it once
 * @param at when the run started
 * @param steps every step that ran, in order; a run stops at its first failed step, so only the
 *     last step can have failed (clean-up steps excepted, which always run)
 */
public record CanaryRun(String runId, Instant at, Status status, List<CanaryStep> steps) {

  /** PASSED only when every step succeeded. */
  public enum Status { PASSED, FAILED }

  public CanaryRun {
    steps = List.copyOf(steps);
  }

  /** A run of these steps: PASSED when all of them succeeded. */
  public static CanaryRun of(String runId, Instant at, List<CanaryStep> steps) {
    boolean passed = !steps.isEmpty() && steps.stream().allMatch(CanaryStep::ok);
    return new CanaryRun(runId, at, passed ? Status.PASSED : Status.FAILED, steps);
  }

  /** The first step that failed, if any. */
  public Optional<CanaryStep> firstFailure() {
    return steps.stream().filter(s -> !s.ok()).findFirst();
  }
}
