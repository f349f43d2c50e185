package org.labvault.ops;

import java.util.Map;
import javax.inject.Inject;
import org.labvault.shared.canary.CanaryRunView;
import org.labvault.shared.canary.port.CanaryResults;
import org.labvault.shared.error.NotFoundException;

/** The canary's latest run, for operators (the canary function writes it). */
public final class CanaryReportService {

  private final CanaryResults results;

  @Inject
  CanaryReportService(CanaryResults results) {
    this.results = results;
  }

  /**
   * @return {@code {"status","at","steps":[{"name","ok","ms"}]}}
   * @throws NotFoundException before the canary's first run
   */
  public Map<String, Object> latest() {
    return results.latest().map(CanaryRunView::of)
        .orElseThrow(() -> new NotFoundException("the canary has not run yet"));
  }
}
