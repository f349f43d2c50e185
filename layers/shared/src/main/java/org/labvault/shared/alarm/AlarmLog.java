package org.labvault.shared.alarm;

/** Where alarms are stored for operators (GET /ops/alarms reads them). */
public interface AlarmLog {
  /** Stores one alarm; the same alarm id twice stores it once. */
  void raise(Alarm alarm);
}
