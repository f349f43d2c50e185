package org.labvault.sampleeln;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import java.net.http.HttpClient;
import java.time.Duration;
import javax.inject.Singleton;
import org.labvault.sampleeln.adapter.DynamoCopyStore;
import org.labvault.sampleeln.adapter.HttpLabVaultApi;
import org.labvault.sampleeln.port.CopyStore;
import org.labvault.sampleeln.port.LabVaultApi;
import org.labvault.shared.client.ClientCredentials;
import org.labvault.shared.config.Config;

/** The sample's copies in DynamoDB and LabVault's API over HTTPS. */
@Module
interface SampleElnModule {
  @Binds
  CopyStore copies(DynamoCopyStore impl);

  @Binds
  LabVaultApi api(HttpLabVaultApi impl);

  @Provides
  @Singleton
  static SampleElnSettings settings(Config config) {
    return SampleElnSettings.from(config);
  }

  @Provides
  static ClientCredentials client(SampleElnSettings settings) {
    return settings.client();
  }

  @Provides
  @Singleton
  static HttpClient http() {
    return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  }
}
