package org.labvault.shared.deletion.port;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.labvault.shared.deletion.domain.AppLink;

/**
 * The deletion notices of app links as the asynchronous side needs them: the publisher's
 * bookkeeping and the re-notification schedule (deleting the links is {@link LinkRepository}'s).
 * Every change is conditional on the state it was decided from, so a repeated or concurrent
 * delivery finds it made and changes nothing.
 */
public interface NoticeRepository {

  /** A deleted link, strongly consistent; empty when absent or still LIVE. */
  Optional<AppLink> findDeleted(String linkId);

  /**
   * Records that {@code attempt} was published at {@code at} and when the link is next due.
   *
   * @return false when it was recorded before or the notice is no longer NOTIFIED
   */
  boolean markPublished(String linkId, int attempt, Instant at, Instant nextDueAt);

  /**
   * The deleted links whose notice is due at or before {@code now}, read page by page: a notice
   * intent not yet published (due from its deletion on), a published unconfirmed attempt, or a
   * raised attempt still unpublished at its recheck time.
   */
  Stream<AppLink> due(Instant now);

  /**
   * Asks for the next attempt of a published, unconfirmed notice (the stream turns it into a
   * publication, which sets the next due time). Until then the notice waits in the due index
   * until {@code recheckAt}, so later runs do not read it again while the stream publishes it.
   *
   * @return false when the notice changed since it was read
   */
  boolean renotify(String linkId, int publishedAttempt, Instant recheckAt);

  /**
   * Touches a notice whose owed attempt was still not published at its due time (its stream
   * record was lost, e.g. after the stream's retries ran out; attempt 1 included): the change is a
   * new stream record, so the publisher tries again; the notice is rechecked at {@code recheckAt}.
   *
   * @return false when the notice changed since it was read
   */
  boolean redrive(String linkId, int attempt, Instant recheckAt);

  /**
   * Gives up on a notice that used its last attempt: OVERDUE, listed for operators.
   *
   * @return false when the notice changed since it was read
   */
  boolean markOverdue(String linkId, int attempt, Instant at);
}
