package org.labvault.monitor;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import org.labvault.monitor.adapter.DynamoBurstWindows;
import org.labvault.monitor.domain.SecurityRules;
import org.labvault.monitor.port.BurstWindows;
import org.labvault.shared.config.Config;

/** The module's ports on the table; the rules with the template's thresholds. */
@Module(includes = AlarmStoreModule.class)
interface MonitorModule {
  @Binds
  BurstWindows windows(DynamoBurstWindows impl);

  @Provides
  static SecurityRules rules(Config config) {
    return new SecurityRules(Math.toIntExact(config.requirePositive(Config.Names.DENIAL_BURST_THRESHOLD)),
        Math.toIntExact(config.requirePositive(Config.Names.MASS_DELETE_THRESHOLD)));
  }
}
