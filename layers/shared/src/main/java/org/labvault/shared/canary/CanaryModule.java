package org.labvault.shared.canary;

import dagger.Binds;
import dagger.Module;
import org.labvault.shared.canary.adapter.DynamoCanaryResults;
import org.labvault.shared.canary.port.CanaryResults;

/** Canary runs in the LabVault table, one item mapping for the writer and the readers. */
@Module
public interface CanaryModule {
  @Binds
  CanaryResults results(DynamoCanaryResults impl);
}
