package org.labvault.monitor.domain;

import java.time.Duration;
import org.labvault.shared.alarm.Alarm.AlarmType;

/** The things counted per actor over a sliding window, and the alarm a burst of them raises. */
public enum BurstKind {
  /** Refusals of any kind (403, 404, 409 ... every DENY record). */
  DENIALS(AlarmType.DENIAL_BURST, Duration.ofMinutes(5)),
  /** Deletions of assets and groups that went ahead. */
  DELETIONS(AlarmType.MASS_DELETE, Duration.ofMinutes(10));

  private final AlarmType alarm;
  private final Duration window;

  BurstKind(AlarmType alarm, Duration window) {
    this.alarm = alarm;
    this.window = window;
  }

  public AlarmType alarm() {
    return alarm;
  }

  public Duration window() {
    return window;
  }
}
