package org.labvault.groups;

import dagger.BindsInstance;
import dagger.Component;
import javax.inject.Singleton;
import org.labvault.shared.aws.AuthModule;
import org.labvault.shared.aws.AwsModule;
import org.labvault.shared.aws.CoreModule;
import org.labvault.shared.aws.Priming;
import org.labvault.shared.config.Config;

/** Everything the Groups function needs, built once per execution environment. */
@Singleton
@Component(modules = {CoreModule.class, AwsModule.class, AuthModule.class, GroupsModule.class})
interface GroupsComponent {
  /** The SnapStart hooks' shared steps. */
  Priming priming();

  GroupService groups();

  MemberService members();

  InvitationService invitations();

  @Component.Factory
  interface Factory {
    GroupsComponent create(@BindsInstance Config config);
  }
}
