package org.labvault.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.inject.Inject;
import org.labvault.ops.port.DependencyProbe;
import org.labvault.shared.canary.CanaryRunView;
import org.labvault.shared.canary.domain.CanaryRun;
import org.labvault.shared.canary.port.CanaryResults;
import org.labvault.shared.error.UnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers whether the API can serve: every dependency probed at once, each bounded in time. */
public final class HealthService {

  static final String OK = "ok";
  static final String UNAVAILABLE = "unavailable";
  private static final Logger LOG = LoggerFactory.getLogger(HealthService.class);

  private final List<DependencyProbe> probes;
  private final CanaryResults canary;

  @Inject
  HealthService(Set<DependencyProbe> probes, CanaryResults canary) {
    this.probes = probes.stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
    this.canary = canary;
  }

  /**
   * @return {@code {"status":"ok","dependencies":{...},"canary":{"status","at"}}}, {@code canary}
   *     only once it has run
   * @throws UnavailableException naming every dependency that did not answer
   */
  public Map<String, Object> check() {
    Map<String, String> states = new LinkedHashMap<>();
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      Map<String, Future<?>> running = new LinkedHashMap<>();
      probes.forEach(p -> running.put(p.name(), executor.submit(p::check)));
      running.forEach((name, future) -> states.put(name, outcome(name, future)));
    }
    List<String> failing =
        states.entrySet().stream().filter(e -> !OK.equals(e.getValue())).map(Map.Entry::getKey).toList();
    if (!failing.isEmpty()) {
      throw new UnavailableException(String.join(", ", failing) + " unreachable", states);
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("status", OK);
    answer.put("dependencies", states);
    lastCanaryRun().ifPresent(run -> answer.put("canary", CanaryRunView.summary(run)));
    return answer;
  }

  /**
   * The canary's last run, reported, never judged: a failed run raised its own alarm, and /health
   * answers 503 only for a dependency that is down. A read that fails leaves it out.
   */
  private Optional<CanaryRun> lastCanaryRun() {
    try {
      return canary.latest();
    } catch (RuntimeException e) {
      LOG.atWarn().setCause(e).log("Canary result unreadable");
      return Optional.empty();
    }
  }

  private static String outcome(String name, Future<?> future) {
    try {
      future.get();
      return OK;
    } catch (ExecutionException e) {
      LOG.atWarn().addKeyValue("dependency", name).setCause(e.getCause()).log("Dependency check failed");
      return UNAVAILABLE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return UNAVAILABLE;
    }
  }
}
