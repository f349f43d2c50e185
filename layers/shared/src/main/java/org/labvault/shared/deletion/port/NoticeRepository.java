package org.labvault.shared.deletion.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The deletion state of app links as the asynchronous side needs it: expanding an asset's
 * deletion into its links, the publisher's bookkeeping and the re-notification schedule. Every
 * change is conditional on the state it was decided from, so a repeated or concurrent delivery
 * finds it made and changes nothing.
 */
public interface NoticeRepository {

  /** Where a deleted link's notice is. */
  enum NoticeStatus { NOTIFIED, CONFIRMED, OVERDUE }

  /** Who deleted an asset and when: its links are deleted with the same stamp. */
  record AssetDeletion(String assetId, Instant deletedAt, String deletedBy) {}

  /** A deleted link, read strongly consistently. */
  record DeletedLink(String linkId, String assetId, String groupId, String appId, String externalRef, String reason,
      Instant deletedAt, NoticeStatus notice, int attempt, int publishedAttempt) {

    /** The attempt that should be published and has not been yet. */
    public boolean owesPublication() {
      return notice == NoticeStatus.NOTIFIED && attempt > publishedAttempt;
    }
  }

  /** A notice whose due time has come, as the due index lists it. */
  record DueNotice(String linkId, NoticeStatus notice, int attempt, int publishedAttempt) {}

  /** How many shards the due index spreads notices over (so no partition is hot). */
  int DUE_SHARDS = 8;

  /** The ids of the asset's links that are still LIVE (every page). */
  List<String> liveLinkIds(String assetId);

  /**
   * Deletes one LIVE link because its asset was deleted, and counts it off the asset's live links,
   * in one transaction.
   *
   * @return false when the link was not LIVE any more (deleted before: nothing changed)
   */
  boolean expand(String linkId, AssetDeletion deletion);

  /** A deleted link, strongly consistent; empty when absent or still LIVE. */
  Optional<DeletedLink> findDeleted(String linkId);

  /**
   * Records that {@code attempt} was published at {@code at} and when the link is next due.
   *
   * @return false when it was recorded before or the notice is no longer NOTIFIED
   */
  boolean markPublished(String linkId, int attempt, Instant at, Instant nextDueAt);

  /** The notices of one due shard whose due time is at or before {@code now}, read page by page. */
  Stream<DueNotice> due(int shard, Instant now);

  /**
   * Asks for the next attempt of a published, unconfirmed notice (the stream turns it into a
   * publication, which sets the next due time). Until then the notice waits in the due index
   * until {@code recheckAt}, so later runs do not read it again while the stream publishes it.
   *
   * @return false when the notice changed since it was read
   */
  boolean renotify(String linkId, int publishedAttempt, Instant recheckAt);

  /**
   * Touches a notice whose owed attempt was still not published at its recheck time (its stream
   * record was lost, e.g. after the stream's retries ran out): the change is a new stream record,
   * so the publisher tries again; the notice is rechecked at {@code recheckAt}.
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
