package org.labvault.backup;

import dagger.Binds;
import dagger.BindsInstance;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import java.util.List;
import javax.inject.Singleton;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.audit.AuditLog;
import org.labvault.shared.backup.port.BackupStore;
import org.labvault.shared.config.Config;
import org.labvault.shared.testing.InMemoryBackupStore;
import org.labvault.shared.testing.TestClock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The Backup function on the real DynamoDB ledger (the table in process), the buckets in memory. */
@Singleton
@Component(modules = {BackupFunctionModule.class, TestBackupComponent.Fakes.class})
interface TestBackupComponent extends BackupComponent {

  @Module
  interface Fakes {
    @Binds
    BackupStore backups(InMemoryBackupStore impl);

    @Binds
    Clock clock(TestClock clock);

    @Provides
    static AuditLog audit(List<AuditEvent> records) {
      return records::add;
    }
  }

  @Component.Factory
  interface Factory {
    TestBackupComponent create(@BindsInstance Config config, @BindsInstance DynamoDbClient dynamo,
        @BindsInstance TestClock clock, @BindsInstance List<AuditEvent> audit, @BindsInstance InMemoryBackupStore backups);
  }
}
