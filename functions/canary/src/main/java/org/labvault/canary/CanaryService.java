package org.labvault.canary;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.inject.Inject;
import org.labvault.canary.port.CanaryApi;
import org.labvault.canary.port.CanaryApi.CallFailed;
import org.labvault.shared.alarm.Alarm;
import org.labvault.shared.alarm.AlarmLog;
import org.labvault.shared.canary.domain.CanaryRun;
import org.labvault.shared.canary.domain.CanaryStep;
import org.labvault.shared.canary.port.CanaryResults;
import org.labvault.shared.id.Ids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The synthetic transaction: the whole path a client takes (token, group, declare, upload, verify,
 * download and compare, delete), each step timed. The first failed step ends the path (the steps
 * after it are not listed: they did not run); clean-up always runs. The run is stored as the
 * latest, and a failed run raises one CANARY_FAILED alarm naming the step.
 */
public final class CanaryService {

  public static final String ACTOR = "system:canary";
  static final String GROUP_PREFIX = "labvault-canary ";
  static final int PAYLOAD_BYTES = 1024;
  private static final Logger LOG = LoggerFactory.getLogger(CanaryService.class);

  private final CanaryApi api;
  private final CanaryResults results;
  private final AlarmLog alarms;
  private final CanarySettings settings;
  private final Clock clock;

  @Inject
  CanaryService(CanaryApi api, CanaryResults results, AlarmLog alarms, CanarySettings settings, Clock clock) {
    this.api = api;
    this.results = results;
    this.alarms = alarms;
    this.settings = settings;
    this.clock = clock;
  }

  /** Runs the path once, stores the outcome and raises an alarm when it failed. */
  public CanaryRun run() {
    String runId = Ids.newId(clock);
    Instant at = clock.instant();
    Run run = new Run(at.plus(settings.runBudget()));
    String failure = null;
    try {
      walk(run, runId);
    } catch (StepFailed e) {
      failure = e.getMessage();
    }
    String cleanUpFailure = cleanUp(run, at);
    if (failure == null) {
      failure = cleanUpFailure;
    }
    CanaryRun outcome = CanaryRun.of(runId, at, run.steps);
    LOG.atInfo().addKeyValue("runId", runId).addKeyValue("status", outcome.status())
        .addKeyValue("failure", failure).log("Canary run finished");
    // both are tried; if either could not be stored the invocation fails, so the function's error
    // alarm still tells operators
    RuntimeException unstored = null;
    try {
      results.record(outcome);
    } catch (RuntimeException e) {
      unstored = e;
    }
    if (outcome.status() == CanaryRun.Status.FAILED) {
      String step = outcome.firstFailure().map(CanaryStep::name).orElse("none");
      try {
        alarms.raise(Alarm.of(runId, clock.instant(), Alarm.AlarmType.CANARY_FAILED, ACTOR,
            "canary step " + step + " failed: " + failure));
      } catch (RuntimeException e) {
        unstored = unstored == null ? e : unstored;
      }
    }
    if (unstored != null) {
      throw unstored;
    }
    return outcome;
  }

  private void walk(Run run, String runId) {
    byte[] payload = new byte[PAYLOAD_BYTES];
    Ids.random().nextBytes(payload);
    String sha256 = sha256(payload);
    run.step("token", api::signIn);
    run.groupId = run.step("createGroup", () -> api.createGroup(GROUP_PREFIX + runId));
    var declared = run.step("declare", () -> api.declare(run.groupId, "canary-" + runId + ".bin", payload.length, sha256));
    run.assetId = declared.assetId();
    run.step("upload", () -> api.upload(declared, payload));
    run.step("verify", () -> awaitAvailable(run, declared.assetId()));
    run.step("download", () -> {
      byte[] back = api.download(declared.assetId());
      if (!Arrays.equals(back, payload) || !sha256(back).equals(sha256)) {
        throw new CallFailed("the downloaded bytes differ from the uploaded ones");
      }
    });
    run.step("delete", () -> api.deleteAsset(declared.assetId()));
    run.assetDeleted = true;
  }

  /** The real path: S3's notification reaches the upload verifier, which makes the asset AVAILABLE. */
  private void awaitAvailable(Run run, String assetId) {
    Instant until = earlier(clock.instant().plus(settings.verifyTimeout()), run.deadline);
    while (true) {
      String status = api.status(assetId);
      if ("AVAILABLE".equals(status)) {
        return;
      }
      if (!"PENDING_UPLOAD".equals(status)) {
        throw new CallFailed("the asset became " + status);
      }
      if (!clock.instant().isBefore(until)) {
        throw new CallFailed("the asset was not AVAILABLE within " + settings.verifyTimeout().toSeconds() + " s");
      }
      pause();
    }
  }

  /**
   * Removes what this run made and what earlier failed runs left: the canary's groups are its own
   * (nobody else is a member), so each is emptied and deleted. Every removal is tried; the step
   * fails if one did not succeed. Answers the first failure, or null.
   */
  private String cleanUp(Run run, Instant startedAt) {
    long started = System.nanoTime();
    List<String> failures = new ArrayList<>();
    if (run.assetId != null && !run.assetDeleted) {
      attempt(failures, () -> api.deleteAsset(run.assetId));
    }
    if (run.groupId != null) {
      attempt(failures, () -> api.deleteGroup(run.groupId));
    }
    attempt(failures, () -> {
      for (var group : api.groups()) {
        boolean leftover = group.name().startsWith(GROUP_PREFIX)
            && group.createdAt().isBefore(startedAt.minus(settings.leftoverAge()));
        if (leftover && !group.groupId().equals(run.groupId)) {
          attempt(failures, () -> {
            api.liveAssets(group.groupId()).forEach(api::deleteAsset);
            api.deleteGroup(group.groupId());
          });
        }
      }
    });
    run.steps.add(new CanaryStep("cleanUp", failures.isEmpty(), elapsedMs(started)));
    return failures.isEmpty() ? null : failures.getFirst();
  }

  private static void attempt(List<String> failures, Runnable removal) {
    try {
      removal.run();
    } catch (RuntimeException e) {
      failures.add(reason(e));
    }
  }

  private void pause() {
    try {
      Thread.sleep(settings.pollInterval());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CallFailed("interrupted while waiting for the asset");
    }
  }

  /** What the alarm says: our own messages only, never a dependency's text (it might echo a secret). */
  private static String reason(RuntimeException e) {
    return e instanceof CallFailed ? e.getMessage() : e.getClass().getSimpleName();
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static long elapsedMs(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }

  static String sha256(byte[] bytes) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** One run's steps so far, what it made, and when it must stop. */
  private final class Run {
    final List<CanaryStep> steps = new ArrayList<>();
    final Instant deadline;
    String groupId;
    String assetId;
    boolean assetDeleted;

    Run(Instant deadline) {
      this.deadline = deadline;
    }

    void step(String name, Runnable action) {
      step(name, () -> {
        action.run();
        return null;
      });
    }

    <T> T step(String name, java.util.function.Supplier<T> action) {
      long started = System.nanoTime();
      try {
        if (!clock.instant().isBefore(deadline)) {
          throw new CallFailed("the run took longer than " + settings.runBudget().toSeconds() + " s");
        }
        T result = action.get();
        steps.add(new CanaryStep(name, true, elapsedMs(started)));
        return result;
      } catch (RuntimeException e) {
        steps.add(new CanaryStep(name, false, elapsedMs(started)));
        throw new StepFailed(reason(e));
      }
    }
  }

  private static final class StepFailed extends RuntimeException {
    StepFailed(String message) {
      super(message, null, false, false);
    }
  }
}
