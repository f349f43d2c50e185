package org.labvault.audit;

import dagger.Binds;
import dagger.Module;
import org.labvault.audit.adapter.DynamoAuditStore;
import org.labvault.audit.adapter.NoDigests;
import org.labvault.audit.port.AuditDigests;
import org.labvault.audit.port.AuditStore;

/** The module's own ports: the chains in the table; no signed digests yet. */
@Module
interface AuditFunctionModule {
  @Binds
  AuditStore store(DynamoAuditStore impl);

  @Binds
  AuditDigests digests(NoDigests impl);
}
