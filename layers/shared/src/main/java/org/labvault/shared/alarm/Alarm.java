package org.labvault.shared.alarm;

import java.time.Instant;

/**
 * Something operators must look at, stored for them and routed to them.
 *
 * @param alarmId chosen by the writer (a ULID/UUID)
 * @param actor who caused it ({@code system:<function>} for the system's own checks)
 * @param detail what happened, for a human; no secrets
 */
public record Alarm(String alarmId, Instant at, AlarmType type, IncidentCategory category, String actor, String detail) {

  /** The alarm types of the contract; each has the incident category it is filed under. */
  public enum AlarmType {
    PRIVILEGED_ACCESS(IncidentCategory.NONPRODUCTION_SECURITY),
    ADMIN_GRANTED(IncidentCategory.NONPRODUCTION_SECURITY),
    DENIAL_BURST(IncidentCategory.CYBER_SECURITY),
    MASS_DELETE(IncidentCategory.CYBER_SECURITY),
    BACKUP_FAILED(IncidentCategory.PRODUCTION),
    DELETION_OVERDUE(IncidentCategory.PRODUCTION),
    /** The synthetic transaction (create, upload, verify, download, delete) failed a step. */
    CANARY_FAILED(IncidentCategory.PRODUCTION);

    private final IncidentCategory category;

    AlarmType(IncidentCategory category) {
      this.category = category;
    }

    public IncidentCategory category() {
      return category;
    }
  }

  /** The incident categories of the white papers. */
  public enum IncidentCategory { PRODUCTION, NONPRODUCTION_SECURITY, CYBER_SECURITY, SAFETY, PHYSICAL }

  /** A new alarm of {@code type}, filed under the type's category. */
  public static Alarm of(String alarmId, Instant at, AlarmType type, String actor, String detail) {
    return new Alarm(alarmId, at, type, type.category(), actor, detail);
  }
}
