package org.labvault.monitor;

import javax.inject.Inject;
import org.labvault.monitor.domain.AuditFact;
import org.labvault.monitor.domain.BurstKind;
import org.labvault.monitor.domain.SecurityRules;
import org.labvault.monitor.port.BurstWindows;
import org.labvault.shared.alarm.AlarmLog;

/**
 * Applies the {@link SecurityRules} to one audit record: immediate alarms are raised, counted kinds
 * go into the actor's window. A window is written before its alarm is raised; a record delivered
 * again after a failure in between finds itself in the window and raises the same alarm again
 * (stored once), so no alarm is lost and none is doubled.
 */
final class AuditMonitor {

  /** Conditional writes lost to concurrent batches of the same actor before the record is given back. */
  static final int ATTEMPTS = 8;

  private final SecurityRules rules;
  private final BurstWindows windows;
  private final AlarmLog alarms;

  @Inject
  AuditMonitor(SecurityRules rules, BurstWindows windows, AlarmLog alarms) {
    this.rules = rules;
    this.windows = windows;
    this.alarms = alarms;
  }

  void observe(AuditFact fact) {
    for (SecurityRules.Finding finding : rules.findings(fact)) {
      switch (finding) {
        case SecurityRules.Immediate now -> alarms.raise(now.alarm());
        case SecurityRules.Counted counted -> count(counted.kind(), fact);
      }
    }
  }

  private void count(BurstKind kind, AuditFact fact) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      SecurityRules.Counting c = rules.count(windows.read(kind, fact.actor()), fact, kind);
      if (c.changed() && !windows.replace(kind, fact.actor(), c.next())) {
        continue; // another batch counted for this actor meanwhile: count again on what it wrote
      }
      if (c.alarm() != null) {
        alarms.raise(c.alarm());
      }
      return;
    }
    throw new IllegalStateException("the " + kind + " window of " + fact.actor() + " kept changing; the record is retried");
  }
}
