package org.labvault.shared.aws;

import java.util.List;
import java.util.function.Supplier;
import org.labvault.shared.audit.AuditEvent;

/**
 * An ALLOW record waiting for the transaction of the change it describes. It lives on the thread
 * that runs the change, for as long as the change runs; {@link Transactions} adds it to the first
 * transaction written there, so the change and its record are one write.
 */
final class PendingAudit {

  private static final ThreadLocal<PendingAudit> CURRENT = new ThreadLocal<>();

  private final DynamoAuditLog log;
  private final AuditEvent event;
  private boolean written;

  PendingAudit(DynamoAuditLog log, AuditEvent event) {
    this.log = log;
    this.event = event;
  }

  /** Runs {@code change} with this record waiting for its transaction (a change inside a change keeps its own). */
  <T> T around(Supplier<T> change) {
    PendingAudit outer = CURRENT.get();
    CURRENT.set(this);
    try {
      return change.get();
    } finally {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
  }

  boolean written() {
    return written;
  }

  /** The record still waiting on this thread for a change of {@code changeItems} items, or null. */
  static PendingAudit waitingFor(int changeItems) {
    PendingAudit pending = CURRENT.get();
    return pending == null || pending.written || changeItems > Transactions.MAX_CHANGE_ITEMS ? null : pending;
  }

  /** Writes the change with this record in one transaction. */
  void writeWith(List<TxItem> change) {
    log.writeWith(event, change);
    written = true;
  }
}
