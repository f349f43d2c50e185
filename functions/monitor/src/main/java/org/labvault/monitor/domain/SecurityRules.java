package org.labvault.monitor.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.labvault.shared.alarm.Alarm;
import org.labvault.shared.alarm.Alarm.AlarmType;
import org.labvault.shared.audit.AuditAction;
import org.labvault.shared.audit.AuditResource;
import org.labvault.shared.auth.Role;
import org.labvault.shared.time.Times;

/**
 * Which audit records are security events, in one place.
 *
 * <ul>
 *   <li>PRIVILEGED_ACCESS: every admitted use of an /ops route ({@code ops:access} ALLOW), one alarm
 *       per record.</li>
 *   <li>ADMIN_GRANTED: a role change or an accepted invitation whose resource ends in
 *       {@code /role:ADMIN} (the creator of a new group is audited as {@code group:create} and is
 *       not a grant).</li>
 *   <li>DENIAL_BURST and MASS_DELETE: refusals (any DENY of a caller; a {@code system:} actor's DENY
 *       is a verdict of the system, e.g. a rejected upload, and is not counted) and deletions of assets and groups are
 *       counted per actor over a sliding window. The alarm is raised by the record that brings the
 *       count within the window to the threshold; while the count stays at or above it the burst
 *       goes on and raises nothing more. The next counted record that finds the count (itself
 *       included) below the threshold ends the burst: only then can a new one raise again.</li>
 * </ul>
 *
 * <p>Alarm ids are derived from the records that raise them, so a record delivered again raises
 * the same alarm, which is stored once.
 */
public final class SecurityRules {

  static final Set<AuditAction> GRANTING_ACTIONS = EnumSet.of(AuditAction.MEMBERS_MANAGE, AuditAction.INVITATIONS_ACCEPT);
  static final String ADMIN = Role.ADMIN.name();
  static final Set<AuditAction> DELETING_ACTIONS = EnumSet.of(AuditAction.ASSETS_DELETE, AuditAction.GROUP_DELETE);
  static final String SYSTEM_ACTOR_PREFIX = "system:";

  /** What one record means: an alarm now, or one more of a counted kind. */
  public sealed interface Finding {}

  public record Immediate(Alarm alarm) implements Finding {}

  public record Counted(BurstKind kind) implements Finding {}

  /** A window after one record: the state to write (unless unchanged) and the alarm, if one is due. */
  public record Counting(BurstWindow next, boolean changed, Alarm alarm) {}

  private final int denialBurstThreshold;
  private final int massDeleteThreshold;

  public SecurityRules(int denialBurstThreshold, int massDeleteThreshold) {
    if (denialBurstThreshold < 1 || massDeleteThreshold < 1) {
      throw new IllegalArgumentException("thresholds must be at least 1");
    }
    this.denialBurstThreshold = denialBurstThreshold;
    this.massDeleteThreshold = massDeleteThreshold;
  }

  public int threshold(BurstKind kind) {
    return kind == BurstKind.DENIALS ? denialBurstThreshold : massDeleteThreshold;
  }

  public List<Finding> findings(AuditFact f) {
    List<Finding> out = new ArrayList<>();
    if (!f.allowed()) {
      // a system actor's DENY is its verdict on someone else's work (a rejected upload), not a refusal of it
      if (f.actor() == null || !f.actor().startsWith(SYSTEM_ACTOR_PREFIX)) {
        out.add(new Counted(BurstKind.DENIALS));
      }
      return out;
    }
    AuditAction action = AuditAction.fromWireName(f.action()).orElse(null);
    if (action == AuditAction.OPS_ACCESS) {
      out.add(new Immediate(alarm(AlarmType.PRIVILEGED_ACCESS, f.member(), f.at(), f.actor(),
          "operator access to " + AuditResource.routeKeyIn(f.resource()).orElse(f.resource())
              + " (request " + f.requestId() + ")")));
    }
    if (GRANTING_ACTIONS.contains(action) && AuditResource.grants(f.resource(), ADMIN)) {
      out.add(new Immediate(alarm(AlarmType.ADMIN_GRANTED, f.member(), f.at(), f.actor(),
          "ADMIN role granted: " + f.action() + " on " + f.resource() + " (request " + f.requestId() + ")")));
    }
    if (DELETING_ACTIONS.contains(action)) {
      out.add(new Counted(BurstKind.DELETIONS));
    }
    return out;
  }

  /** Counts {@code f} into {@code window}: see the class comment for when a burst starts and ends. */
  public Counting count(BurstWindow window, AuditFact f, BurstKind kind) {
    String member = f.member();
    if (member.equals(window.alarmedBy())) {
      // delivered again after its alarm may not have been stored: raised again (stored once),
      // even if later records have since moved it out of the window
      return new Counting(window, false, burstAlarm(kind, f, window.members().size()));
    }
    if (window.members().contains(member)) {
      return new Counting(window, false, null); // delivered again: nothing to count
    }
    TreeSet<String> members = new TreeSet<>(window.members());
    members.add(member);
    Instant newest = timeOf(members.last());
    Instant from = newest.minus(kind.window());
    members.removeIf(m -> timeOf(m).isBefore(from));
    int threshold = threshold(kind);
    // the newest `threshold` are all a window needs: whether the count reaches the threshold
    while (members.size() > threshold) {
      members.pollFirst();
    }
    boolean reached = members.size() >= threshold;
    String alarmedBy = window.alarmedBy();
    Alarm alarm = null;
    if (!reached) {
      alarmedBy = null; // the burst is over (or none began): the next one may raise again
    } else if (alarmedBy == null) {
      alarmedBy = member;
      alarm = burstAlarm(kind, f, members.size());
    }
    return new Counting(new BurstWindow(List.copyOf(members), alarmedBy, window.version()), true, alarm);
  }

  private Alarm burstAlarm(BurstKind kind, AuditFact f, int count) {
    String what = kind == BurstKind.DENIALS ? "refusals" : "deletions";
    return alarm(kind.alarm(), f.actor() + "#" + f.member(), f.at(), f.actor(), count + " or more " + what + " within "
        + kind.window().toMinutes() + " minutes (threshold " + threshold(kind) + "), the last at " + Times.format(f.at()));
  }

  private static Alarm alarm(AlarmType type, String cause, Instant at, String actor, String detail) {
    String id = UUID.nameUUIDFromBytes((type.name() + "#" + cause).getBytes(StandardCharsets.UTF_8)).toString();
    return Alarm.of(id, at, type, actor, detail);
  }

  private static Instant timeOf(String member) {
    return Instant.parse(member.substring(0, member.indexOf('#')));
  }
}
