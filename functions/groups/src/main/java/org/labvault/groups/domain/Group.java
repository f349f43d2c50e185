package org.labvault.groups.domain;

import java.time.Instant;

/**
 * A collaboration group.
 *
 * @param tenant the tenant of the user who created it (members may come from other tenants)
 * @param memberCount how many members it has
 */
public record Group(
    String groupId, String name, String description, String tenant, Instant createdAt, String createdBy, int memberCount) {}
