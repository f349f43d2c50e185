package org.labvault.groups.domain;

import java.time.Instant;
import org.labvault.shared.auth.Role;

/** A user's membership of a group. */
public record Membership(String groupId, String userId, Role role, Instant addedAt, String addedBy) {}
