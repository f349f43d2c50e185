package org.labvault.canary;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import java.net.http.HttpClient;
import java.time.Duration;
import javax.inject.Singleton;
import org.labvault.canary.adapter.HttpCanaryApi;
import org.labvault.canary.port.CanaryApi;
import org.labvault.shared.client.ClientCredentials;
import org.labvault.shared.config.Config;

/** The public API over HTTPS as the canary's own app client, with the deployed waiting times. */
@Module
interface CanaryFunctionModule {
  @Binds
  CanaryApi api(HttpCanaryApi impl);

  @Provides
  @Singleton
  static ClientCredentials client(Config config) {
    return ClientCredentials.from(config);
  }

  @Provides
  static CanarySettings settings() {
    return CanarySettings.standard();
  }

  @Provides
  @Singleton
  static HttpClient http() {
    return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  }
}
