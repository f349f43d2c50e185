package org.labvault.shared.canary.port;

import java.util.Optional;
import org.labvault.shared.canary.domain.CanaryRun;

/** Where canary runs are kept: the canary writes them, the operators' routes and /health read them. */
public interface CanaryResults {

  /**
   * Stores a run as the latest, unless a later run is stored already (a late retry never hides a
   * newer result); storing the same run twice stores it once.
   */
  void record(CanaryRun run);

  /** The latest run, or empty before the first. One read. */
  Optional<CanaryRun> latest();
}
