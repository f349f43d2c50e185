package org.labvault.groups.domain;

import java.time.Instant;
import org.labvault.shared.auth.Role;

/** A group as listed for one of its members, with that member's role. */
public record MyGroup(
    String groupId, String name, String description, Instant createdAt, String createdBy, Role role) {}
