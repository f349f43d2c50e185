package org.labvault.fanout;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;
import org.labvault.shared.deletion.NoticeSchedule;
import org.labvault.shared.deletion.domain.AppLink;
import org.labvault.shared.deletion.port.NoticePublisher;
import org.labvault.shared.deletion.port.NoticePublisher.Notice;
import org.labvault.shared.deletion.port.NoticeRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the notices links owe, ten per call, and records each publication. The stream record
 * only says "look at this link": what is published is the link as a strongly consistent read finds
 * it, so a confirmed link or an attempt already recorded as published is never sent again. A
 * crash between publishing and recording sends the same attempt again; applications de-duplicate
 * by (linkId, attempt).
 */
final class NoticeSender {

  private static final Logger LOG = LoggerFactory.getLogger(NoticeSender.class);

  private final NoticeRepository notices;
  private final NoticePublisher publisher;
  private final NoticeSchedule schedule;
  private final Clock clock;

  @Inject
  NoticeSender(NoticeRepository notices, NoticePublisher publisher, NoticeSchedule schedule, Clock clock) {
    this.notices = notices;
    this.publisher = publisher;
    this.schedule = schedule;
    this.clock = clock;
  }

  /**
   * @param linkIds distinct link ids
   * @return the ids of the links whose notice could not be published or recorded (to be retried)
   */
  Set<String> send(Collection<String> linkIds) {
    Set<String> failed = new HashSet<>();
    List<Notice> owed = new ArrayList<>();
    for (String linkId : linkIds) {
      try {
        owedNotice(linkId).ifPresent(owed::add);
      } catch (RuntimeException e) {
        LOG.warn("link {} could not be read: {}", linkId, e.toString());
        failed.add(linkId);
      }
    }
    for (int from = 0; from < owed.size(); from += NoticePublisher.MAX_BATCH) {
      List<Notice> batch = owed.subList(from, Math.min(owed.size(), from + NoticePublisher.MAX_BATCH));
      failed.addAll(publishAndRecord(batch));
    }
    return failed;
  }

  private Optional<Notice> owedNotice(String linkId) {
    return notices.findDeleted(linkId).filter(l -> l.deletion().owesPublication()).map(NoticeSender::notice);
  }

  private static Notice notice(AppLink l) {
    var d = l.deletion();
    return new Notice(l.linkId(), l.assetId(), l.groupId(), l.appId(), l.externalRef(), d.reason().name(),
        d.deletedAt(), d.attempt());
  }

  private Set<String> publishAndRecord(List<Notice> batch) {
    Set<String> failed;
    try {
      failed = new HashSet<>(publisher.publish(batch));
    } catch (RuntimeException e) {
      LOG.warn("publishing {} notices failed: {}", batch.size(), e.toString());
      return linkIds(batch);
    }
    Instant now = clock.instant();
    for (Notice n : batch) {
      if (failed.contains(n.linkId())) {
        continue;
      }
      try {
        if (!notices.markPublished(n.linkId(), n.attempt(), now, schedule.nextDueAt(now, n.attempt()))) {
          LOG.info("link {} attempt {} was recorded or confirmed meanwhile", n.linkId(), n.attempt());
        }
      } catch (RuntimeException e) {
        LOG.warn("link {} attempt {} published but not recorded: {}", n.linkId(), n.attempt(), e.toString());
        failed.add(n.linkId());
      }
    }
    LOG.info("{} notices published, {} failed", batch.size() - failed.size(), failed.size());
    return failed;
  }

  private static Set<String> linkIds(List<Notice> batch) {
    Set<String> ids = new HashSet<>();
    batch.forEach(n -> ids.add(n.linkId()));
    return ids;
  }
}
