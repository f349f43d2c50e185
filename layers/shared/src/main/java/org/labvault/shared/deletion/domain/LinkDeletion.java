package org.labvault.shared.deletion.domain;

import java.time.Instant;

/**
 * What happened to a deleted link and to the notice the app gets about it.
 *
 * @param attempt the attempt that should be published (from 1; the schedule raises it)
 * @param publishedAttempt the last attempt published (0 before the first publish)
 * @param notifiedAt the first publish, or null before it
 * @param lastNotifiedAt the latest publish, or null before the first
 * @param confirmedAt when the app confirmed, or null
 */
public record LinkDeletion(
    DeletionReason reason,
    Instant deletedAt,
    String deletedBy,
    NoticeStatus notice,
    int attempt,
    int publishedAttempt,
    Instant notifiedAt,
    Instant lastNotifiedAt,
    Instant confirmedAt) {

  /** A deletion as it starts: attempt 1 to be published, nothing published yet. */
  public static LinkDeletion start(DeletionReason reason, Instant deletedAt, String deletedBy) {
    return new LinkDeletion(reason, deletedAt, deletedBy, NoticeStatus.NOTIFIED, 1, 0, null, null, null);
  }

  /** The attempt that should be published and has not been yet. */
  public boolean owesPublication() {
    return notice == NoticeStatus.NOTIFIED && attempt > publishedAttempt;
  }
}
