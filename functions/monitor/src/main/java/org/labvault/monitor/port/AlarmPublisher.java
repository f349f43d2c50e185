package org.labvault.monitor.port;

import org.labvault.shared.alarm.Alarm;

/** The alarms topic operators subscribe to. */
public interface AlarmPublisher {
  void publish(Alarm alarm);
}
