package org.labvault.monitor.domain;

import org.labvault.shared.alarm.Alarm;
import org.labvault.shared.time.Times;

/** An alarm as operators see it, on GET /ops/alarms and on the alarms topic alike. */
public record AlarmView(String alarmId, String at, String type, String category, String actor, String detail) {

  public static AlarmView of(Alarm a) {
    return new AlarmView(a.alarmId(), Times.format(a.at()), a.type().name(), a.category().name(), a.actor(), a.detail());
  }
}
