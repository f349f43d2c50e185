package org.labvault.shared.aws;

import dagger.Binds;
import dagger.Module;
import org.labvault.shared.audit.AuditLog;
import org.labvault.shared.auth.AssetLocator;
import org.labvault.shared.auth.MembershipReader;

/** The authorization path's ports, bound to DynamoDB. Functions that authorize include it. */
@Module
public interface AuthModule {
  @Binds
  MembershipReader memberships(DynamoMembershipReader impl);

  @Binds
  AssetLocator assets(DynamoAssetLocator impl);

  @Binds
  AuditLog audit(DynamoAuditLog impl);
}
