package org.labvault.fanout;

import java.time.Clock;
import java.time.Instant;
import javax.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.labvault.shared.alarm.Alarm;
import org.labvault.shared.alarm.AlarmLog;
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
  private final AlarmLog alarms;

  /** Who raises DELETION_OVERDUE. */
  static final String ACTOR = "system:renotify";

  @Inject
  Renotifier(NoticeRepository notices, NoticeSchedule schedule, Clock clock, AlarmLog alarms) {
    this.notices = notices;
    this.schedule = schedule;
    this.clock = clock;
    this.alarms = alarms;
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
        case OVERDUE -> {
          // the alarm first, while the notice is still due: a run that dies after it leaves the
          // notice for the next run, which raises the same alarm (id and time follow the notice:
          // stored once) and then marks it
          alarms.raise(overdueAlarm(link, overdueSince(notice, now)));
          if (notices.markOverdue(linkId, notice.attempt(), now)) {
            overdue++;
          }
        }
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

  /** When the last attempt's wait ended: the same for every run that finds the notice overdue. */
  private Instant overdueSince(LinkDeletion notice, Instant now) {
    Instant last = notice.lastNotifiedAt() != null ? notice.lastNotifiedAt() : notice.notifiedAt();
    return last == null ? now : schedule.nextDueAt(last, notice.attempt());
  }

  /** The id follows the link, so the alarm of one notice is stored once however often it is raised. */
  private static Alarm overdueAlarm(AppLink link, Instant at) {
    String id = UUID.nameUUIDFromBytes(("DELETION_OVERDUE#" + link.linkId()).getBytes(StandardCharsets.UTF_8)).toString();
    return Alarm.of(id, at, Alarm.AlarmType.DELETION_OVERDUE, ACTOR, "the deletion notice of link " + link.linkId()
        + " (asset " + link.assetId() + ", app " + link.appId() + ") is unconfirmed after " + link.deletion().attempt()
        + " attempts");
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
