package org.labvault.groups;

import java.time.Instant;
import org.labvault.groups.domain.Group;
import org.labvault.groups.domain.Invitation;
import org.labvault.groups.domain.InvitationStatus;
import org.labvault.groups.domain.Membership;
import org.labvault.shared.auth.Role;

/**
 * The group the sample events speak of: alice ADMIN, erin EDIT_DELETE, bob EDIT, dave READ_ONLY;
 * carol (another tenant) is not a member and holds a pending invitation when asked for.
 */
final class Seed {
  static final String GROUP = "01a207c8-24bd-7da8-965e-feee279db2cc";
  static final String INVITATION = "01a207c8-25ab-76d6-baf9-961cf9e39e50";

  private Seed() {}

  static void group(TestGroupsComponent c, Instant now) {
    var group = new Group(GROUP, "Mass spectrometry lab", "Orbitrap", "acme", now, "alice", 1);
    c.groupRepository().create(group, new Membership(GROUP, "alice", Role.ADMIN, now, "alice"));
    join(c, "erin", Role.EDIT_DELETE, now);
    join(c, "bob", Role.EDIT, now);
    join(c, "dave", Role.READ_ONLY, now);
  }

  /** Adds a member the way the API does: invited by alice, accepted. */
  static void join(TestGroupsComponent c, String userId, Role role, Instant now) {
    var inv = invitation(java.util.UUID.randomUUID().toString(), userId, role, now);
    c.invitationRepository().create(inv, "alice", now);
    c.invitationRepository().accept(inv, now);
  }

  static Invitation invitation(String id, String userId, Role role, Instant now) {
    return new Invitation(id, GROUP, "Mass spectrometry lab", userId, role, InvitationStatus.PENDING, now, "alice",
        now.plus(Invitation.VALIDITY));
  }

  /** carol's pending invitation, the one the invitation events name. */
  static void carolInvited(TestGroupsComponent c, Instant now) {
    c.invitationRepository().create(invitation(INVITATION, "carol", Role.READ_ONLY, now), "alice", now);
  }
}
