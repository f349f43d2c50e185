package org.labvault.ops.domain;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A request to post a notice, already checked field by field.
 *
 * @param startsAt when to start showing it; absent means now
 */
public record NewNotice(
    String message,
    Severity severity,
    Optional<Instant> startsAt,
    Instant endsAt,
    Set<String> tenants) {}
