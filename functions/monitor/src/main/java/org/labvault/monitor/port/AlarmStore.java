package org.labvault.monitor.port;

import java.time.Instant;
import org.labvault.shared.alarm.Alarm;
import org.labvault.shared.paging.Page;
import org.labvault.shared.paging.PageRequest;

/** The stored alarms, as operators read them, and the mark that an alarm was published. */
public interface AlarmStore {

  /** Alarms at or after {@code since}, oldest first. */
  Page<Alarm> since(Instant since, PageRequest page);

  /** Whether the stored alarm was published already (strongly consistent). */
  boolean published(Alarm alarm);

  /** Marks the stored alarm published; a second mark changes nothing. */
  void markPublished(Alarm alarm, Instant at);
}
