package org.labvault.shared.canary;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.labvault.shared.canary.domain.CanaryRun;
import org.labvault.shared.time.Times;

/** A canary run as the contract shows it: {@code {"status","at","steps":[{"name","ok","ms"}]}}. */
public final class CanaryRunView {

  private CanaryRunView() {}

  public static Map<String, Object> of(CanaryRun run) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("status", run.status().name());
    view.put("at", Times.format(run.at()));
    List<Map<String, Object>> steps = run.steps().stream().map(s -> {
      Map<String, Object> step = new LinkedHashMap<>();
      step.put("name", s.name());
      step.put("ok", s.ok());
      step.put("ms", s.ms());
      return step;
    }).toList();
    view.put("steps", steps);
    return view;
  }

  /** What /health says of the canary: its last status and when it ran. */
  public static Map<String, Object> summary(CanaryRun run) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("status", run.status().name());
    view.put("at", Times.format(run.at()));
    return view;
  }
}
