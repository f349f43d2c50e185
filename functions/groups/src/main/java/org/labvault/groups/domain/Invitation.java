package org.labvault.groups.domain;

import java.time.Duration;
import java.time.Instant;
import org.labvault.shared.auth.Role;

/**
 * An invitation of one user into a group with a role, valid for {@link #VALIDITY}.
 *
 * @param userId the invitee
 * @param createdBy the ADMIN who invited
 */
public record Invitation(
    String invitationId,
    String groupId,
    String groupName,
    String userId,
    Role role,
    InvitationStatus status,
    Instant createdAt,
    String createdBy,
    Instant expiresAt) {

  public static final Duration VALIDITY = Duration.ofDays(7);

  public boolean expiredAt(Instant now) {
    return !expiresAt.isAfter(now);
  }
}
