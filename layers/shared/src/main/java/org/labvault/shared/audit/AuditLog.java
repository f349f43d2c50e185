package org.labvault.shared.audit;

/** Where audited decisions and changes go. End users can never read it. */
public interface AuditLog {
  /** Records the event durably before the request is answered. */
  void record(AuditEvent event);
}
