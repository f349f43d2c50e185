package org.labvault.ops.domain;

import java.time.Instant;
import java.util.Set;

/**
 * A maintenance notice that operators post and every user reads while it is active.
 *
 * @param tenants the tenants it concerns; empty means everybody
 */
public record Notice(
    String noticeId,
    String message,
    Severity severity,
    Instant startsAt,
    Instant endsAt,
    Set<String> tenants,
    Instant createdAt,
    String createdBy) {

  public Notice {
    tenants = Set.copyOf(tenants);
  }

  /** Active notices are shown: started, not yet ended, and aimed at the reader's tenant or at all. */
  public boolean visibleTo(String tenant, Instant now) {
    boolean active = !startsAt.isAfter(now) && endsAt.isAfter(now);
    boolean aimedAtReader = tenants.isEmpty() || (tenant != null && tenants.contains(tenant));
    return active && aimedAtReader;
  }
}
