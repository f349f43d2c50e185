package org.labvault.groups.adapter;

import static org.labvault.groups.adapter.GroupItems.ACTIVE;
import static org.labvault.groups.adapter.GroupItems.n;
import static org.labvault.groups.adapter.GroupItems.s;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.labvault.groups.domain.Conflicts;
import org.labvault.groups.domain.Invitation;
import org.labvault.groups.domain.InvitationStatus;
import org.labvault.groups.domain.Membership;
import org.labvault.groups.port.InvitationRepository;
import org.labvault.shared.auth.Action;
import org.labvault.shared.auth.Authorizer;
import org.labvault.shared.auth.MembershipRules;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.aws.PageTokens;
import org.labvault.shared.aws.Transactions;
import org.labvault.shared.aws.Tx;
import org.labvault.shared.aws.TxItem;
import org.labvault.shared.config.Config;
import org.labvault.shared.error.ConflictException;
import org.labvault.shared.error.ErrorCode;
import org.labvault.shared.error.ForbiddenException;
import org.labvault.shared.error.NotFoundException;
import org.labvault.shared.paging.Page;
import org.labvault.shared.paging.PageRequest;
import org.labvault.shared.time.Times;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Invitations in the LabVault table: the invitation (by id), the invitee's copy (listing, sorted by
 * expiry) and a lock in the group's partition that allows one open invitation per user and group.
 * The three change together, and accepting one creates the membership in the same transaction.
 */
public final class DynamoInvitationRepository implements InvitationRepository {

  private static final Map<String, String> STATUS = Map.of("#status", GroupItems.STATUS);

  private final DynamoDbClient dynamo;
  private final String table;
  private final PageTokens pageTokens;

  @Inject
  DynamoInvitationRepository(DynamoDbClient dynamo, Config config, PageTokens pageTokens) {
    this.dynamo = dynamo;
    this.table = config.require(Config.Names.TABLE_NAME);
    this.pageTokens = pageTokens;
  }

  @Override
  public void create(Invitation inv, String adminId, Instant now) {
    var items = List.of(
        Tx.put(table, GroupItems.invitation(inv, GroupItems.invitationKey(inv.invitationId())),
            Keys.ABSENT, Map.of(), Map.of(),
            () -> new ConflictException(ErrorCode.ALREADY_EXISTS, "an invitation with this id exists")),
        Tx.put(table, GroupItems.invitation(inv, GroupItems.inviteeKey(inv))),
        // a lock whose invitation expired may be replaced
        Tx.put(table, GroupItems.lock(inv), Keys.ABSENT + " OR " + GroupItems.EXPIRES_AT + " <= :now",
            Map.of(), Map.of(":now", s(Times.format(now))), Conflicts::alreadyInvited),
        Tx.check(table, GroupItems.memberKey(inv.groupId(), inv.userId()), Keys.ABSENT, Map.of(), Map.of(),
            Conflicts::alreadyMember),
        GroupItems.stillAllowed(table, inv.groupId(), adminId, Action.MEMBERS_MANAGE,
            () -> new ForbiddenException("you are no longer an ADMIN of this group")),
        Tx.check(table, GroupItems.metaKey(inv.groupId()), "#status = :active", STATUS, Map.of(":active", s(ACTIVE)),
            Authorizer::notFound));
    Transactions.write(dynamo, items);
  }

  @Override
  public Optional<Invitation> find(String invitationId) {
    var item = dynamo.getItem(r -> r.tableName(table).key(GroupItems.invitationKey(invitationId)).consistentRead(true)).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(GroupItems.invitation(item));
  }

  @Override
  public Page<Invitation> openFor(String userId, Instant now, PageRequest page) {
    // copies sort by "<expiresAt>#<id>": everything after "<now>#~" has not expired
    var result = dynamo.query(QueryRequest.builder().tableName(table).consistentRead(true)
        .keyConditionExpression(Keys.PK + " = :pk AND " + Keys.SK + " > :now")
        .expressionAttributeValues(Map.of(":pk", s(Keys.invitee(userId)), ":now", s(Times.format(now) + "#~")))
        .limit(page.limit())
        .exclusiveStartKey(pageTokens.decode(page.nextToken(), "invitations:" + Keys.invitee(userId), PageTokens.TABLE_KEY))
        .build());
    return new Page<>(result.items().stream().map(GroupItems::invitation).toList(),
        pageTokens.encode("invitations:" + Keys.invitee(userId), result.lastEvaluatedKey()));
  }

  /**
   * Closes an open invitation that has not expired: the first three items of every close, answered
   * by "closed" when it is not open.
   */
  private List<TxItem> closing(Invitation inv, InvitationStatus to, String extraCondition,
      Map<String, AttributeValue> extraValues, Instant now) {
    var values = new HashMap<>(extraValues);
    values.put(":now", s(Times.format(now)));
    return GroupItems.closing(table, inv, to, " AND " + GroupItems.EXPIRES_AT + " > :now" + extraCondition, values, Conflicts::invitationClosed);
  }

  @Override
  public Page<Invitation> pendingIn(String groupId, Instant now, PageRequest page) {
    var result = GroupItems.pendingInvitations(dynamo, table, groupId, null, now, page.limit(),
        pageTokens.decode(page.nextToken(), "group-invitations:" + Keys.group(groupId), PageTokens.TABLE_KEY));
    return new Page<>(result.items().stream().map(GroupItems::invitation).toList(),
        pageTokens.encode("group-invitations:" + Keys.group(groupId), result.lastEvaluatedKey()));
  }

  @Override
  public Membership accept(Invitation inv, Instant now) {
    var group = GroupItems.activeGroup(dynamo, table, inv.groupId())
        .orElseThrow(() -> new NotFoundException("the group no longer exists"));
    Membership membership = new Membership(inv.groupId(), inv.userId(), inv.role(), now, inv.createdBy());
    int admins = MembershipRules.adminDelta(null, inv.role());
    var items = closing(inv, InvitationStatus.ACCEPTED, " AND " + GroupItems.USER_ID + " = :me", Map.of(":me", s(inv.userId())), now);
    items.add(Tx.put(table, GroupItems.member(membership), Keys.ABSENT, Map.of(), Map.of(),
        Conflicts::alreadyMember));
    items.add(Tx.put(table, GroupItems.userGroup(inv.userId(), inv.role(), group.groupId(), group.name(),
        group.description(), group.createdAt(), group.createdBy())));
    items.add(Tx.update(table, GroupItems.metaKey(inv.groupId()), "ADD " + GroupItems.MEMBER_COUNT + " :one, " + GroupItems.ADMIN_COUNT + " :admins",
        "#status = :active", STATUS, Map.of(":one", n(1), ":admins", n(admins), ":active", s(ACTIVE)),
        () -> new NotFoundException("the group no longer exists")));
    // an invitation is only as good as its inviter: still an ADMIN, at this very moment
    items.add(GroupItems.stillAllowed(table, inv.groupId(), inv.createdBy(), Action.MEMBERS_MANAGE, () -> inviterGone(inv, now)));
    Transactions.write(dynamo, items);
    return membership;
  }

  /** The inviter is no longer an ADMIN: the invitation is closed, and stays closed if they are again. */
  private ConflictException inviterGone(Invitation inv, Instant now) {
    try {
      Transactions.write(dynamo, closing(inv, InvitationStatus.REVOKED, "", Map.of(), now));
    } catch (ConflictException alreadyClosed) {
      // closed meanwhile: nothing left to do
    }
    return Conflicts.invitationClosed();
  }

  @Override
  public void close(Invitation inv, InvitationStatus status, String adminId, Instant now) {
    var items = closing(inv, status, "", Map.of(), now);
    if (adminId != null) {
      items.add(GroupItems.stillAllowed(table, inv.groupId(), adminId, Action.MEMBERS_MANAGE, () -> new NotFoundException("no such invitation")));
    }
    Transactions.write(dynamo, items);
  }
}
