package org.labvault.shared.auth;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.inject.Inject;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.audit.AuditLog;
import org.labvault.shared.error.AppException;
import org.labvault.shared.error.ConflictException;
import org.labvault.shared.error.ForbiddenException;
import org.labvault.shared.error.NotFoundException;
import org.labvault.shared.http.Principal;
import org.labvault.shared.id.Ids;

/**
 * The one authorization path: given the verified caller, a resource and an action, allow or deny,
 * with the role that decided. A group's members are the only ones who learn it exists: a
 * non-member gets 404, a member whose role does not allow the action 403. Each decision about a
 * group costs one strongly consistent read of the caller's membership; asset resources answer
 * "no" until assets exist.
 */
public final class Authorizer {

  private final MembershipReader memberships;
  private final AuditLog audit;
  private final Clock clock;

  @Inject
  public Authorizer(MembershipReader memberships, AuditLog audit, Clock clock) {
    this.memberships = memberships;
    this.audit = audit;
    this.clock = clock;
  }

  /** The decision, without side effects (permission checks). */
  public Decision decide(Principal principal, ResourceRef resource, Action action) {
    if (resource.type() != ResourceRef.Type.GROUP || !Ids.looksValid(resource.id())) {
      return Decision.INVISIBLE;
    }
    return memberships.roleOf(resource.id(), principal.userId())
        .map(role -> new Decision(role.allows(action), role))
        .orElse(Decision.INVISIBLE);
  }

  /** One check of a batch. */
  public record Check(ResourceRef resource, Action action) {}

  /** Decisions for many checks, in order; one read per distinct group, batched. */
  public List<Decision> decideAll(Principal principal, List<Check> checks) {
    Set<String> groupIds = new LinkedHashSet<>();
    for (Check c : checks) {
      if (c.resource().type() == ResourceRef.Type.GROUP && Ids.looksValid(c.resource().id())) {
        groupIds.add(c.resource().id());
      }
    }
    Map<String, Role> roles = groupIds.isEmpty() ? Map.of() : memberships.rolesOf(groupIds, principal.userId());
    List<Decision> out = new ArrayList<>(checks.size());
    for (Check c : checks) {
      Role role = c.resource().type() == ResourceRef.Type.GROUP ? roles.get(c.resource().id()) : null;
      out.add(role == null ? Decision.INVISIBLE : new Decision(role.allows(c.action()), role));
    }
    return out;
  }

  /**
   * The caller's role in {@code groupId}, when it allows {@code action}.
   *
   * @throws NotFoundException when the caller is not a member (or there is no such group)
   * @throws ForbiddenException when the caller's role does not allow the action
   */
  public Role require(Caller caller, String groupId, Action action) {
    Decision d = decide(caller.principal(), ResourceRef.group(groupId), action);
    if (!d.visible()) {
      throw deny(caller, action.wireName(), "group:" + groupId, null, notFound());
    }
    if (!d.allowed()) {
      throw deny(caller, action.wireName(), "group:" + groupId, d.role(),
          new ForbiddenException("your role " + d.role() + " does not allow " + action.wireName()));
    }
    return d.role();
  }

  /**
   * Runs a state change and audits it: ALLOW when it succeeds, DENY when it is refused (403, 404,
   * 409). The role is the one that decided, or null.
   */
  public <T> T audited(Caller caller, String action, String resource, Role role, Supplier<T> change) {
    T result;
    try {
      result = change.get();
    } catch (ForbiddenException | NotFoundException | ConflictException e) {
      throw deny(caller, action, resource, role, e);
    }
    record(caller, action, resource, AuditEvent.Decision.ALLOW, role);
    return result;
  }

  /** Audits a refusal and returns the exception to throw. */
  public <E extends AppException> E deny(Caller caller, String action, String resource, Role role, E refusal) {
    record(caller, action, resource, AuditEvent.Decision.DENY, role);
    return refusal;
  }

  private void record(Caller caller, String action, String resource, AuditEvent.Decision decision, Role role) {
    audit.record(new AuditEvent(caller.userId(), action, resource, decision,
        role == null ? null : role.name(), caller.requestId(), clock.instant()));
  }

  /** The same answer for "no such group" and "not your group". */
  public static NotFoundException notFound() {
    return new NotFoundException("no such group");
  }
}
