package org.labvault.groups;

import dagger.Binds;
import dagger.Module;
import org.labvault.groups.adapter.DynamoGroupRepository;
import org.labvault.groups.adapter.DynamoInvitationRepository;
import org.labvault.groups.port.GroupRepository;
import org.labvault.groups.port.InvitationRepository;

/** Binds the Groups function's ports to DynamoDB. */
@Module
interface GroupsModule {
  @Binds
  GroupRepository groups(DynamoGroupRepository impl);

  @Binds
  InvitationRepository invitations(DynamoInvitationRepository impl);
}
