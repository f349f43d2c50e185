package org.labvault.uploadevents;

import dagger.Binds;
import dagger.BindsInstance;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import java.util.List;
import javax.inject.Singleton;
import org.labvault.shared.asset.adapter.DynamoAssetRepository;
import org.labvault.shared.asset.port.AssetRepository;
import org.labvault.shared.asset.port.ObjectStore;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.config.Config;
import org.labvault.shared.testing.EmbeddedTable;
import org.labvault.shared.testing.InMemoryObjectStore;
import org.labvault.shared.testing.TestClock;

/** The UploadEvents function on the real DynamoDB adapter in process and the bucket in memory. */
@Singleton
@Component(modules = TestUploadEventsComponent.Wiring.class)
interface TestUploadEventsComponent extends UploadEventsComponent {

  /** The bucket the sample event names. */
  String BUCKET = "labvault-dev-data-123456789012-us-east-1";

  AssetRepository repository();

  @Component.Factory
  interface Factory {
    TestUploadEventsComponent create(@BindsInstance software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo,
        @BindsInstance TestClock clock, @BindsInstance List<AuditEvent> audit, @BindsInstance InMemoryObjectStore objects);
  }

  @Module
  abstract class Wiring {
    @Provides
    static Clock clock(TestClock clock) {
      return clock;
    }

    @Provides
    static Config config() {
      return Config.from(java.util.Map.of(Config.Names.TABLE_NAME, EmbeddedTable.NAME, Config.Names.DATA_BUCKET, BUCKET));
    }

    @Provides
    static org.labvault.shared.json.Json json() {
      return org.labvault.shared.json.Json.instance();
    }

    @Provides
    static org.labvault.shared.audit.AuditLog audit(List<AuditEvent> records) {
      return records::add;
    }

    @Binds
    abstract ObjectStore objects(InMemoryObjectStore impl);

    @Binds
    abstract AssetRepository assets(DynamoAssetRepository impl);
  }
}
