package org.labvault.shared.aws;

import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import org.labvault.shared.json.Json;

/** The non-AWS singletons every function uses. Tests replace the clock. */
@Module
public final class CoreModule {
  private CoreModule() {}

  @Provides
  static Json json() {
    return Json.instance();
  }

  @Provides
  static Clock clock() {
    return Clock.systemUTC();
  }
}
