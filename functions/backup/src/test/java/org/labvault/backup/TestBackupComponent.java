package org.labvault.backup;

import dagger.Binds;
import dagger.BindsInstance;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import java.util.List;
import javax.inject.Singleton;
import org.labvault.backup.snapshot.InMemorySnapshotStore;
import org.labvault.backup.snapshot.adapter.DynamoScratchTables;
import org.labvault.backup.snapshot.adapter.DynamoTableSource;
import org.labvault.backup.snapshot.port.ScratchTables;
import org.labvault.backup.snapshot.port.SnapshotStore;
import org.labvault.backup.snapshot.port.TableSource;
import org.labvault.shared.alarm.Alarm;
import org.labvault.shared.alarm.AlarmLog;
import org.labvault.shared.asset.adapter.DynamoAssetRepository;
import org.labvault.shared.asset.port.AssetRepository;
import org.labvault.shared.asset.port.ObjectStore;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.audit.AuditLog;
import org.labvault.shared.auth.AssetLocator;
import org.labvault.shared.auth.MembershipReader;
import org.labvault.shared.aws.DynamoAssetLocator;
import org.labvault.shared.aws.DynamoMembershipReader;
import org.labvault.shared.backup.port.BackupStore;
import org.labvault.shared.config.Config;
import org.labvault.shared.testing.InMemoryBackupStore;
import org.labvault.shared.testing.InMemoryObjectStore;
import org.labvault.shared.testing.TestClock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The backup functions on the real DynamoDB adapters (the table and the drill's scratch tables in
 * process), the buckets, the snapshots, the audit trail and the alarms in memory.
 */
@Singleton
@Component(modules = {BackupFunctionModule.class, TestBackupComponent.Fakes.class})
interface TestBackupComponent extends BackupComponent {

  @Module
  interface Fakes {
    /** The authorization path reads the same table (only the operator gate is used here). */
    @Binds
    MembershipReader memberships(DynamoMembershipReader impl);

    @Binds
    AssetLocator assetLocator(DynamoAssetLocator impl);

    @Binds
    BackupStore backups(InMemoryBackupStore impl);

    @Binds
    ObjectStore objects(InMemoryObjectStore impl);

    @Binds
    AssetRepository assets(DynamoAssetRepository impl);

    @Binds
    SnapshotStore snapshots(InMemorySnapshotStore impl);

    @Binds
    TableSource table(DynamoTableSource impl);

    @Binds
    ScratchTables scratch(DynamoScratchTables impl);

    @Binds
    Clock clock(TestClock clock);

    @Provides
    static AuditLog audit(List<AuditEvent> records) {
      return records::add;
    }

    @Provides
    static AlarmLog alarms(List<Alarm> raised) {
      return raised::add;
    }
  }

  @Component.Factory
  interface Factory {
    TestBackupComponent create(@BindsInstance Config config, @BindsInstance DynamoDbClient dynamo,
        @BindsInstance TestClock clock, @BindsInstance List<AuditEvent> audit, @BindsInstance InMemoryBackupStore backups,
        @BindsInstance InMemoryObjectStore data, @BindsInstance InMemorySnapshotStore snapshots,
        @BindsInstance List<Alarm> alarms);
  }
}
