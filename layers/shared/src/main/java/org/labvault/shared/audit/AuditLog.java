package org.labvault.shared.audit;

import java.util.function.Supplier;

/** Where audited decisions and changes go. End users can never read it. */
public interface AuditLog {
  /** Records the event durably before the request is answered. */
  void record(AuditEvent event);

  /**
   * Runs a change and records {@code allowed} for it. A writer that can joins the record to the
   * change's own write, so that the change and its record are made together or not at all; this
   * one records it right after the change.
   */
  default <T> T recordWith(AuditEvent allowed, Supplier<T> change) {
    T result = change.get();
    record(allowed);
    return result;
  }
}
