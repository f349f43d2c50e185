package org.labvault.shared.auth;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.inject.Inject;
import org.labvault.shared.audit.AuditAction;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.audit.AuditLog;
import org.labvault.shared.audit.AuditResource;
import org.labvault.shared.error.AppException;
import org.labvault.shared.error.ConflictException;
import org.labvault.shared.error.ForbiddenException;
import org.labvault.shared.error.NotFoundException;
import org.labvault.shared.id.Ids;

/**
 * The one authorization path: given the verified caller, a resource and an action, allow or deny,
 * with the role that decided. A group's members are the only ones who learn it exists: a
 * non-member gets 404, a member whose role does not allow the action 403. Each decision about a
 * group costs one strongly consistent read of the caller's membership; a decision about an asset
 * costs one more, before it, to find the asset's group (for the asset routes, the read of the asset
 * itself, which the route needs anyway). A missing asset costs the same two reads: a membership is
 * read all the same, so that the time of the answer does not tell whether the asset exists.
 */
public final class Authorizer {

  private final MembershipReader memberships;
  private final AssetLocator assets;
  private final AuditLog audit;
  private final Clock clock;

  @Inject
  public Authorizer(MembershipReader memberships, AssetLocator assets, AuditLog audit, Clock clock) {
    this.memberships = memberships;
    this.assets = assets;
    this.audit = audit;
    this.clock = clock;
  }

  /** The decision, without side effects (permission checks). */
  public Decision decide(Principal principal, ResourceRef resource, Action action) {
    if (!Ids.looksValid(resource.id())) {
      return Decision.INVISIBLE;
    }
    if (resource.type() == ResourceRef.Type.ASSET) {
      return decideOnAssetGroup(principal.userId(), resource.id(), assets.groupOf(resource.id()).orElse(null), action);
    }
    return memberships.roleOf(resource.id(), principal.userId())
        .map(role -> new Decision(role.allows(action), role))
        .orElse(Decision.INVISIBLE);
  }

  /**
   * The decision on an asset's group, or INVISIBLE when there is no such asset ({@code groupId}
   * null): then a membership in {@link #noGroupFor a group that cannot exist} is read instead, so a
   * missing asset costs exactly what another group's asset costs.
   */
  private Decision decideOnAssetGroup(String userId, String assetId, String groupId, Action action) {
    Optional<Role> role = memberships.roleOf(groupId == null ? noGroupFor(assetId) : groupId, userId);
    return groupId == null
        ? Decision.INVISIBLE
        : role.map(r -> new Decision(r.allows(action), r)).orElse(Decision.INVISIBLE);
  }

  /**
   * A group id no group has, for the membership read of a missing asset: the asset's own id (ids
   * are unique across kinds), so those reads spread like real ones.
   */
  private static String noGroupFor(String assetId) {
    return assetId;
  }

  /** One check of a batch. */
  public record Check(ResourceRef resource, Action action) {}

  /**
   * Decisions for many checks, in order: one read per distinct asset, then one per distinct group,
   * each batched.
   */
  public List<Decision> decideAll(Principal principal, List<Check> checks) {
    Set<String> assetIds = new LinkedHashSet<>();
    Set<String> groupIds = new LinkedHashSet<>();
    for (Check c : checks) {
      if (Ids.looksValid(c.resource().id())) {
        (c.resource().type() == ResourceRef.Type.ASSET ? assetIds : groupIds).add(c.resource().id());
      }
    }
    Map<String, String> assetGroups = assetIds.isEmpty() ? Map.of() : assets.groupsOf(assetIds);
    for (String assetId : assetIds) {
      // a missing asset still reads a membership, so it costs what another group's asset costs
      groupIds.add(assetGroups.getOrDefault(assetId, noGroupFor(assetId)));
    }
    Map<String, Role> roles = groupIds.isEmpty() ? Map.of() : memberships.rolesOf(groupIds, principal.userId());
    List<Decision> out = new ArrayList<>(checks.size());
    for (Check c : checks) {
      String groupId = c.resource().type() == ResourceRef.Type.GROUP ? c.resource().id() : assetGroups.get(c.resource().id());
      Role role = groupId == null ? null : roles.get(groupId);
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
    return enforce(caller, d, action, AuditResource.group(groupId), notFound());
  }

  /**
   * The caller's role, when it allows removing {@code userId} from {@code groupId}: a member may
   * always leave (then the membership is all it takes), only one who manages members removes others.
   * That the last ADMIN stays is storage's part ({@link MembershipRules}).
   *
   * @throws NotFoundException when the caller is not a member (or there is no such group)
   * @throws ForbiddenException when the caller removes someone else without managing members
   */
  public Role requireRemoval(Caller caller, String groupId, String userId) {
    return require(caller, groupId, caller.userId().equals(userId) ? Action.GROUP_READ : Action.MEMBERS_MANAGE);
  }

  /**
   * The caller's role for {@code action} on an asset the route has just read (strongly
   * consistently) by its id: {@code groupId} is the group holding it, or null when there is no such
   * asset. The asset read is the extra read an asset decision costs; this adds the membership read.
   *
   * @throws NotFoundException when there is no such asset or the caller is not a member of its group
   * @throws ForbiddenException when the caller's role does not allow the action
   */
  public Role requireOnAsset(Caller caller, String assetId, String groupId, Action action) {
    return requireOnHeld(caller, assetId, AuditResource.asset(assetId), groupId, action, noSuchAsset());
  }

  /**
   * The caller's role for {@code action} on something else a group holds (an app link), read by
   * its id just before: {@code groupId} is its group, or null when there is no such thing. It costs
   * what an asset decision costs, and a missing one costs the same.
   *
   * @param resource as audited, e.g. {@link AuditResource#link}
   * @param invisible the 404 for "no such thing" and "not in your groups" alike
   */
  public Role requireOnHeld(Caller caller, String id, AuditResource resource, String groupId, Action action,
      NotFoundException invisible) {
    Decision d = Ids.looksValid(id) ? decideOnAssetGroup(caller.userId(), id, groupId, action) : Decision.INVISIBLE;
    return enforce(caller, d, action, resource, invisible);
  }

  private Role enforce(Caller caller, Decision d, Action action, AuditResource resource, NotFoundException invisible) {
    if (!d.visible()) {
      throw deny(caller, action.audited(), resource, null, invisible);
    }
    if (!d.allowed()) {
      throw deny(caller, action.audited(), resource, d.role(),
          new ForbiddenException("your role " + d.role() + " does not allow " + action.wireName()));
    }
    return d.role();
  }

  /** The path under which every route is for platform operators only. */
  private static final String OPERATORS_PATH = "/ops";
  /** Whether {@code routeKey} (e.g. {@code GET /ops/audit}) is for platform operators only: everything under /ops. */
  public static boolean operatorsOnly(String routeKey) {
    String path = routeKey.substring(routeKey.indexOf(' ') + 1);
    return path.equals(OPERATORS_PATH) || path.startsWith(OPERATORS_PATH + "/");
  }

  /**
   * Admits a platform operator to an operators' route. Every use is audited, admissions and refusals
   * alike: a privileged access is itself a security event (it raises an alarm).
   *
   * @throws ForbiddenException when the caller is not an operator
   */
  public void requireOperator(Caller caller, String routeKey) {
    boolean admitted = caller.principal().isOperator();
    record(caller, AuditAction.OPS_ACCESS, AuditResource.route(routeKey), admitted ? AuditEvent.Decision.ALLOW : AuditEvent.Decision.DENY, null);
    if (!admitted) {
      throw new ForbiddenException("this route is for platform operators only");
    }
  }

  /**
   * Runs a state change and audits it: ALLOW when it succeeds, DENY when it is refused (403, 404,
   * 409). The role is the one that decided, or null.
   */
  public <T> T audited(Caller caller, AuditAction action, AuditResource resource, Role role, Supplier<T> change) {
    try {
      // the ALLOW record rides in the change's transaction: no change without its record
      return audit.recordWith(event(caller, action, resource, AuditEvent.Decision.ALLOW, role), change);
    } catch (ForbiddenException | NotFoundException | ConflictException e) {
      throw deny(caller, action, resource, role, e);
    }
  }

  /**
   * Audits a change already made (ALLOW), for changes that may turn out to be no change: a
   * conditional write that lost to an identical concurrent one is not audited twice.
   */
  public void allowed(Caller caller, AuditAction action, AuditResource resource, Role role) {
    record(caller, action, resource, AuditEvent.Decision.ALLOW, role);
  }

  /** Audits a refusal and returns the exception to throw. */
  public <E extends AppException> E deny(Caller caller, AuditAction action, AuditResource resource, Role role, E refusal) {
    record(caller, action, resource, AuditEvent.Decision.DENY, role);
    return refusal;
  }

  private void record(Caller caller, AuditAction action, AuditResource resource, AuditEvent.Decision decision, Role role) {
    audit.record(event(caller, action, resource, decision, role));
  }

  private AuditEvent event(Caller caller, AuditAction action, AuditResource resource, AuditEvent.Decision decision,
      Role role) {
    return new AuditEvent(caller.userId(), action.wireName(), resource.text(), decision, role == null ? null : role.name(),
        caller.requestId(), clock.instant());
  }

  /** The same answer for "no such group" and "not your group". */
  public static NotFoundException notFound() {
    return new NotFoundException("no such group");
  }

  /** The same answer for "no such asset" and "not in your groups". */
  public static NotFoundException noSuchAsset() {
    return new NotFoundException("no such asset");
  }
}
