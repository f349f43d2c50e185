package org.labvault.monitor;

import java.time.Clock;
import javax.inject.Inject;
import org.labvault.monitor.port.AlarmPublisher;
import org.labvault.monitor.port.AlarmStore;
import org.labvault.shared.alarm.Alarm;

/**
 * Every stored alarm goes out on the alarms topic, whoever raised it. The stored item is marked
 * after the publication, so an alarm is never left unpublished; a crash between the two publishes
 * it again on redelivery (SNS delivers at least once anyway).
 */
final class AlarmPublication {

  private final AlarmStore store;
  private final AlarmPublisher publisher;
  private final Clock clock;

  @Inject
  AlarmPublication(AlarmStore store, AlarmPublisher publisher, Clock clock) {
    this.store = store;
    this.publisher = publisher;
    this.clock = clock;
  }

  void publishOnce(Alarm alarm) {
    if (store.published(alarm)) {
      return;
    }
    publisher.publish(alarm);
    store.markPublished(alarm, clock.instant());
  }
}
