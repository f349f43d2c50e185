package org.labvault.canary;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.labvault.shared.canary.domain.CanaryRun;
import org.labvault.shared.canary.port.CanaryResults;

/** Every run recorded, in order; can be made to fail like a table that does not answer. */
final class InMemoryCanaryResults implements CanaryResults {

  final List<CanaryRun> runs = new ArrayList<>();
  boolean down;

  @Override
  public void record(CanaryRun run) {
    if (down) {
      throw new IllegalStateException("the table did not answer");
    }
    runs.add(run);
  }

  @Override
  public Optional<CanaryRun> latest() {
    return runs.isEmpty() ? Optional.empty() : Optional.of(runs.getLast());
  }
}
