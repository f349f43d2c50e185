package org.labvault.backup.snapshot;

import dagger.Binds;
import dagger.Module;
import org.labvault.backup.snapshot.adapter.DynamoScratchTables;
import org.labvault.backup.snapshot.adapter.DynamoTableSource;
import org.labvault.backup.snapshot.adapter.S3SnapshotStore;
import org.labvault.backup.snapshot.port.ScratchTables;
import org.labvault.backup.snapshot.port.SnapshotStore;
import org.labvault.backup.snapshot.port.TableSource;

/** The snapshot's ports on DynamoDB and the backup bucket. */
@Module
public interface SnapshotModule {
  @Binds
  TableSource tableSource(DynamoTableSource impl);

  @Binds
  SnapshotStore snapshotStore(S3SnapshotStore impl);

  @Binds
  ScratchTables scratchTables(DynamoScratchTables impl);
}
