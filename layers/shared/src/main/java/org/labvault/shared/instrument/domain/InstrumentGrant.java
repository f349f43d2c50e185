package org.labvault.shared.instrument.domain;

import java.time.Instant;
import org.labvault.shared.auth.Role;

/**
 * A group's grant to an instrument: the instrument may declare uploads into the group. It is read
 * by the one authorization path like a membership with {@link #ROLE}.
 */
public record InstrumentGrant(String groupId, String instrumentId, String name, Instant grantedAt, String grantedBy) {

  /** What a grant allows: declaring assets (and reading them), nothing about the group itself. */
  public static final Role ROLE = Role.EDIT;
}
