package org.labvault.audit;

import dagger.Binds;
import dagger.Module;
import org.labvault.audit.adapter.DynamoAuditStore;
import org.labvault.audit.adapter.DynamoDigestLog;
import org.labvault.audit.port.AuditStore;
import org.labvault.audit.port.DigestLog;

/** The module's own ports: the chains and the signed digests in the table. */
@Module
interface AuditFunctionModule {
  @Binds
  AuditStore store(DynamoAuditStore impl);

  @Binds
  DigestLog digests(DynamoDigestLog impl);
}
