package org.labvault.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.inject.Inject;
import org.labvault.ops.port.DependencyProbe;
import org.labvault.shared.error.UnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers whether the API can serve: every dependency probed at once, each bounded in time. */
public final class HealthService {

  static final String OK = "ok";
  static final String UNAVAILABLE = "unavailable";
  private static final Logger LOG = LoggerFactory.getLogger(HealthService.class);

  private final List<DependencyProbe> probes;

  @Inject
  HealthService(Set<DependencyProbe> probes) {
    this.probes = probes.stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
  }

  /**
   * @return {@code {"status":"ok","dependencies":{...}}}
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
    return answer;
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
