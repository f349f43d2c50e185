package org.labvault.shared.audit;

import java.time.Instant;

/**
 * One audited decision or state change.
 *
 * @param actor the verified user id (or {@code instrument:<id>}, {@code app:<id>})
 * @param action what was attempted, e.g. {@code members:manage} or {@code group:create}
 * @param resource what it was attempted on, e.g. {@code group:<id>}
 * @param decision ALLOW for changes made, DENY for refusals
 * @param role the role that decided, or null when the actor is not a member
 * @param requestId the API request id
 * @param time when
 */
public record AuditEvent(
    String actor, String action, String resource, Decision decision, String role, String requestId, Instant time) {

  /**
   * An event no group role decided: the platform's own jobs, and what operators do. Decisions about
   * a caller's role in a group are the Authorizer's to record.
   */
  public static AuditEvent of(String actor, AuditAction action, AuditResource resource, Decision decision,
      String requestId, Instant time) {
    return new AuditEvent(actor, action.wireName(), resource.text(), decision, null, requestId, time);
  }

  /** Whether the audited request went ahead. */
  public enum Decision {
    ALLOW,
    DENY
  }
}
