package org.labvault.fanout;

import java.time.Clock;
import java.time.Instant;
import javax.inject.Inject;
import org.labvault.shared.deletion.NoticeSchedule;
import org.labvault.shared.deletion.domain.AppLink;
import org.labvault.shared.deletion.domain.LinkDeletion;
import org.labvault.shared.deletion.domain.NoticeStatus;
import org.labvault.shared.deletion.port.NoticeRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends unconfirmed notices again when they are due, and gives up after the last attempt. It reads
 * only the due index, shard by shard, up to now: its cost grows with the notices due, never with
 * the table. It publishes nothing itself: raising a link's attempt makes the stream publish it.
 */
final class Renotifier {

  private static final Logger LOG = LoggerFactory.getLogger(Renotifier.class);

  /** What one run did. */
  record Summary(int due, int renotified, int overdue) {}

  private final NoticeRepository notices;
  private final NoticeSchedule schedule;
  private final Clock clock;

  @Inject
  Renotifier(NoticeRepository notices, NoticeSchedule schedule, Clock clock) {
    this.notices = notices;
    this.schedule = schedule;
    this.clock = clock;
  }

  Summary run() {
    Instant now = clock.instant();
    // a raised attempt is normally published within seconds; if not, it is looked at again then
    Instant recheckAt = now.plusSeconds(schedule.afterSeconds());
    int due = 0;
    int renotified = 0;
    int overdue = 0;
    for (AppLink link : (Iterable<AppLink>) notices.due(now)::iterator) {
      due++;
      String linkId = link.linkId();
      LinkDeletion notice = link.deletion();
      switch (next(notice)) {
        case RENOTIFY -> renotified += notices.renotify(linkId, notice.attempt(), recheckAt) ? 1 : 0;
        case OVERDUE -> overdue += notices.markOverdue(linkId, notice.attempt(), now) ? 1 : 0;
        case REDRIVE -> {
          if (notices.redrive(linkId, notice.attempt(), recheckAt)) {
            LOG.warn("link {} attempt {} was still not published; its publication is asked again", linkId,
                notice.attempt());
          }
        }
        case SKIP -> { }
      }
    }
    var summary = new Summary(due, renotified, overdue);
    LOG.info("renotification run: {}", summary);
    return summary;
  }

  private enum Step { RENOTIFY, OVERDUE, REDRIVE, SKIP }

  /**
   * The rule: a published attempt below the maximum is sent again, the last one makes the notice
   * overdue, and an attempt still unpublished when due is asked for again, the same attempt (the
   * first one too: a notice intent is in the due index from its deletion on).
   */
  private Step next(LinkDeletion notice) {
    if (notice.notice() != NoticeStatus.NOTIFIED) {
      return Step.SKIP; // the index lags the table: confirmed or overdue meanwhile
    }
    if (notice.publishedAttempt() < notice.attempt()) {
      return Step.REDRIVE;
    }
    return schedule.isLast(notice.attempt()) ? Step.OVERDUE : Step.RENOTIFY;
  }
}
