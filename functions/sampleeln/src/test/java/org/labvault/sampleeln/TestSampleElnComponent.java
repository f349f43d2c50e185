package org.labvault.sampleeln;

import dagger.Binds;
import dagger.BindsInstance;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import javax.inject.Singleton;
import org.labvault.shared.config.Config;
import org.labvault.shared.json.Json;
import org.labvault.shared.testing.TestClock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The sample subscriber on its real adapters: its table in process, LabVault a local HTTP server. */
@Singleton
@Component(modules = {SampleElnModule.class, TestSampleElnComponent.Fakes.class})
interface TestSampleElnComponent extends SampleElnComponent {

  @Module
  interface Fakes {
    @Binds
    Clock clock(TestClock clock);

    @Provides
    static Json json() {
      return Json.instance();
    }
  }

  @Component.Factory
  interface Factory {
    TestSampleElnComponent create(@BindsInstance Config config, @BindsInstance DynamoDbClient dynamo,
        @BindsInstance TestClock clock);
  }
}
