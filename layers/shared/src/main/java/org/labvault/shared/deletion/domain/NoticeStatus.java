package org.labvault.shared.deletion.domain;

/** Where the notice of a deleted link is: sent (and re-sent), confirmed by the app, or given up on. */
public enum NoticeStatus {
  NOTIFIED,
  CONFIRMED,
  /** Every attempt went unconfirmed; operators see it in {@code GET /ops/deletions?status=OVERDUE}. */
  OVERDUE
}
