package org.labvault.groups.adapter;

import static org.labvault.groups.adapter.GroupItems.ACTIVE;
import static org.labvault.groups.adapter.GroupItems.DELETING;
import static org.labvault.groups.adapter.GroupItems.n;
import static org.labvault.groups.adapter.GroupItems.s;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.inject.Inject;
import org.labvault.groups.domain.Conflicts;
import org.labvault.groups.domain.Group;
import org.labvault.groups.domain.Invitation;
import org.labvault.groups.domain.InvitationStatus;
import org.labvault.groups.domain.Membership;
import org.labvault.groups.domain.MyGroup;
import org.labvault.groups.port.GroupRepository;
import org.labvault.shared.auth.Action;
import org.labvault.shared.auth.Authorizer;
import org.labvault.shared.auth.MembershipRules;
import org.labvault.shared.auth.Role;
import org.labvault.shared.aws.Backoff;
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
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Groups and memberships in the LabVault table. A group's META item carries its member and ADMIN
 * counts; every membership change updates the count in the same transaction, on condition that
 * the ADMIN count stays at least {@link MembershipRules#MIN_ADMINS}, and re-checks that the acting
 * ADMIN still is one. Two admins demoting each other, or leaving, at the same moment: one wins.
 */
public final class DynamoGroupRepository implements GroupRepository {

  static final int STALE_READ_RETRIES = 5;
  /** What one write transaction may hold of a change: DynamoDB's limit, less its audit record's two items. */
  static final int MAX_TRANSACTION_ITEMS = Transactions.MAX_CHANGE_ITEMS;
  private static final Map<String, String> NAMES = Map.of(
      "#role", GroupItems.ROLE, "#status", GroupItems.STATUS, "#name", GroupItems.NAME, "#description", GroupItems.DESCRIPTION,
      "#adminCount", GroupItems.ADMIN_COUNT, "#memberCount", GroupItems.MEMBER_COUNT, "#assetCount", Keys.ASSET_COUNT);

  private final DynamoDbClient dynamo;
  private final String table;
  private final PageTokens pageTokens;

  @Inject
  DynamoGroupRepository(DynamoDbClient dynamo, Config config, PageTokens pageTokens) {
    this.dynamo = dynamo;
    this.table = config.require(Config.Names.TABLE_NAME);
    this.pageTokens = pageTokens;
  }

  private Map<String, String> names(String... used) {
    Map<String, String> out = new HashMap<>();
    for (String n : used) {
      out.put(n, NAMES.get(n));
    }
    return out;
  }

  private TxItem stillAllowed(String groupId, String userId, Action action) {
    return GroupItems.stillAllowed(table, groupId, userId, action, DynamoGroupRepository::noLongerAdmin);
  }

  private static ForbiddenException noLongerAdmin() {
    return new ForbiddenException("you are no longer an ADMIN of this group");
  }

  @Override
  public void create(Group group, Membership creator) {
    Supplier<ConflictException> exists = () -> new ConflictException(ErrorCode.ALREADY_EXISTS, "a group with this id exists");
    var items = List.of(
        Tx.put(table, GroupItems.meta(group), Keys.ABSENT, Map.of(), Map.of(), exists),
        Tx.put(table, GroupItems.member(creator), Keys.ABSENT, Map.of(), Map.of(), exists),
        Tx.put(table, GroupItems.userGroup(creator.userId(), creator.role(), group.groupId(), group.name(),
            group.description(), group.createdAt(), group.createdBy())));
    Transactions.write(dynamo, items);
  }

  @Override
  public Optional<Group> find(String groupId) {
    return GroupItems.activeGroup(dynamo, table, groupId);
  }

  @Override
  public Page<MyGroup> groupsOf(String userId, PageRequest page) {
    var result = dynamo.query(QueryRequest.builder().tableName(table).consistentRead(true)
        .keyConditionExpression(Keys.PK + " = :pk").expressionAttributeValues(Map.of(":pk", s(Keys.user(userId))))
        .limit(page.limit())
        .exclusiveStartKey(pageTokens.decode(page.nextToken(), "groups:" + Keys.user(userId), PageTokens.TABLE_KEY))
        .build());
    return new Page<>(result.items().stream().map(GroupItems::myGroup).toList(),
        pageTokens.encode("groups:" + Keys.user(userId), result.lastEvaluatedKey()));
  }

  @Override
  public Group update(String groupId, String name, String description, String adminId) {
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":name", s(name), ":active", s(ACTIVE)));
    String set = "SET #name = :name";
    String remove = "";
    if (description != null) {
      set += ", #description = :description";
      values.put(":description", s(description));
    } else {
      remove = " REMOVE #description";
    }
    var items = List.of(
        Tx.update(table, GroupItems.metaKey(groupId), set + remove, "#status = :active",
            names("#name", "#description", "#status"), values, Authorizer::notFound),
        stillAllowed(groupId, adminId, Action.GROUP_UPDATE));
    Transactions.write(dynamo, items);
    copyToMembers(groupId, set + remove, values);
    return find(groupId).orElseThrow(Authorizer::notFound);
  }

  /** Each member's copy shows the new name; a member who left meanwhile is skipped. */
  private void copyToMembers(String groupId, String update, Map<String, AttributeValue> values) {
    Map<String, AttributeValue> copyValues = new HashMap<>(values);
    copyValues.remove(":active");
    String next = null;
    do {
      Page<Membership> page = members(groupId, new PageRequest(PageRequest.MAX_LIMIT, next));
      for (Membership m : page.items()) {
        try {
          dynamo.updateItem(r -> r.tableName(table).key(GroupItems.userGroupKey(m.userId(), groupId))
              .updateExpression(update).conditionExpression(Keys.EXISTS)
              .expressionAttributeNames(names("#name", "#description"))
              .expressionAttributeValues(copyValues));
        } catch (ConditionalCheckFailedException e) {
          // left the group after the page was read
        }
      }
      next = page.nextToken();
    } while (next != null);
  }

  @Override
  public void delete(String groupId, String adminId) {
    var items = List.of(
        Tx.update(table, GroupItems.metaKey(groupId), "SET #status = :deleting",
            "#status = :active AND (attribute_not_exists(#assetCount) OR #assetCount = :zero)",
            names("#status", "#assetCount"), Map.of(":deleting", s(DELETING), ":active", s(ACTIVE), ":zero", n(0)),
            () -> whyNotDeletable(groupId)),
        stillAllowed(groupId, adminId, Action.GROUP_DELETE));
    try {
      Transactions.write(dynamo, items);
    } catch (ResumeDeletion resume) {
      // an earlier deletion stopped half way: finish it
    }
    purge(groupId, adminId);
  }

  /** Thrown when the group is already being deleted, so the purge runs again. */
  private static final class ResumeDeletion extends RuntimeException {
    ResumeDeletion() {
      super(null, null, false, false);
    }
  }

  private RuntimeException whyNotDeletable(String groupId) {
    var item = dynamo.getItem(r -> r.tableName(table).key(GroupItems.metaKey(groupId)).consistentRead(true)).item();
    if (item == null || item.isEmpty()) {
      return Authorizer.notFound();
    }
    if (DELETING.equals(item.get(GroupItems.STATUS).s())) {
      return new ResumeDeletion();
    }
    return Conflicts.groupNotEmpty();
  }

  /**
   * Removes every item of the group's partition and each member's copy; the acting ADMIN's
   * membership and the META item go last, so a deletion that stops half way can be repeated.
   */
  private void purge(String groupId, String adminId) {
    Map<String, AttributeValue> start = null;
    String adminItem = Keys.member(adminId);
    do {
      var startKey = start;
      var page = dynamo.query(r -> r.tableName(table).consistentRead(true)
          .keyConditionExpression(Keys.PK + " = :pk").expressionAttributeValues(Map.of(":pk", s(Keys.group(groupId))))
          .exclusiveStartKey(startKey));
      List<WriteRequest> deletes = new ArrayList<>();
      for (var item : page.items()) {
        String sk = item.get(Keys.SK).s();
        if (sk.equals(Keys.META) || sk.equals(adminItem)) {
          continue;
        }
        deletes.add(delete(Map.of(Keys.PK, item.get(Keys.PK), Keys.SK, item.get(Keys.SK))));
        if (sk.startsWith(Keys.MEMBER_PREFIX)) {
          deletes.add(delete(GroupItems.userGroupKey(item.get(GroupItems.USER_ID).s(), groupId)));
        } else if (sk.startsWith(Keys.INSTRUMENT_GRANT_PREFIX)) {
          // the grant's copy in the instrument's partition, by which revoking finds its grants
          String instrumentId = sk.substring(Keys.INSTRUMENT_GRANT_PREFIX.length());
          deletes.add(delete(Map.of(Keys.PK, s(Keys.instrument(instrumentId)), Keys.SK, s(Keys.grantedBy(groupId)))));
        }
      }
      batchDelete(deletes);
      start = page.lastEvaluatedKey() == null || page.lastEvaluatedKey().isEmpty() ? null : page.lastEvaluatedKey();
    } while (start != null);
    batchDelete(List.of(delete(GroupItems.memberKey(groupId, adminId)), delete(GroupItems.userGroupKey(adminId, groupId))));
    dynamo.deleteItem(r -> r.tableName(table).key(GroupItems.metaKey(groupId)));
  }

  private static WriteRequest delete(Map<String, AttributeValue> key) {
    return WriteRequest.builder().deleteRequest(d -> d.key(key)).build();
  }

  private void batchDelete(List<WriteRequest> deletes) {
    for (int from = 0; from < deletes.size(); from += 25) {
      Map<String, List<WriteRequest>> pending = Map.of(table, deletes.subList(from, Math.min(deletes.size(), from + 25)));
      for (int attempt = 0; pending != null && !pending.isEmpty(); attempt++) {
        Backoff.pause(attempt);
        var request = pending;
        pending = dynamo.batchWriteItem(r -> r.requestItems(request)).unprocessedItems();
      }
    }
  }

  @Override
  public Page<Membership> members(String groupId, PageRequest page) {
    var result = dynamo.query(QueryRequest.builder().tableName(table).consistentRead(true)
        .keyConditionExpression(Keys.PK + " = :pk AND begins_with(" + Keys.SK + ", :member)")
        .expressionAttributeValues(Map.of(":pk", s(Keys.group(groupId)), ":member", s(Keys.MEMBER_PREFIX)))
        .limit(page.limit())
        .exclusiveStartKey(pageTokens.decode(page.nextToken(), "members:" + Keys.group(groupId), PageTokens.TABLE_KEY))
        .build());
    return new Page<>(result.items().stream().map(GroupItems::membership).toList(),
        pageTokens.encode("members:" + Keys.group(groupId), result.lastEvaluatedKey()));
  }

  @Override
  public Optional<Membership> member(String groupId, String userId) {
    var item = dynamo.getItem(r -> r.tableName(table).key(GroupItems.memberKey(groupId, userId)).consistentRead(true)).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(GroupItems.membership(item));
  }

  /**
   * The META update that moves the counts, on condition the group keeps its minimum of ADMINs (and
   * still is active: the group went otherwise).
   */
  private TxItem counts(String groupId, int members, int admins) {
    return Tx.update(table, GroupItems.metaKey(groupId),
        "ADD #memberCount :members, #adminCount :admins",
        "#status = :active AND #adminCount >= :needed",
        names("#memberCount", "#adminCount", "#status"),
        Map.of(":members", n(members), ":admins", n(admins), ":active", s(ACTIVE),
            ":needed", n(MembershipRules.MIN_ADMINS - admins)),
        () -> admins < 0 ? MembershipRules.lastAdmin() : Authorizer.notFound());
  }

  @Override
  public Membership changeRole(String groupId, String userId, Role role, String adminId) {
    for (int attempt = 0; attempt < STALE_READ_RETRIES; attempt++) {
      Membership current = member(groupId, userId).orElseThrow(() -> new NotFoundException("no such member"));
      if (current.role() == role) {
        return current;
      }
      int admins = MembershipRules.adminDelta(current.role(), role);
      List<TxItem> items = new ArrayList<>(List.of(
          Tx.update(table, GroupItems.memberKey(groupId, userId), "SET #role = :new", "#role = :old",
              names("#role"), Map.of(":new", s(role.name()), ":old", s(current.role().name())), StaleRead::new),
          Tx.update(table, GroupItems.userGroupKey(userId, groupId), "SET #role = :new", Keys.EXISTS,
              names("#role"), Map.of(":new", s(role.name())), StaleRead::new),
          stillAllowed(groupId, adminId, Action.MEMBERS_MANAGE),
          counts(groupId, 0, admins)));
      var leftOpen = closingInvitationsOf(groupId, userId, managesMembers(current.role()) && !managesMembers(role), items);
      try {
        Transactions.write(dynamo, items);
        closeEach(leftOpen);
        return new Membership(groupId, userId, role, current.addedAt(), current.addedBy());
      } catch (StaleRead e) {
        // the member changed between the read and the write: read again
      }
    }
    throw new ConflictException(ErrorCode.CONCURRENT_CHANGE, "the membership keeps changing; try again");
  }

  @Override
  public void removeMember(String groupId, String userId, String callerId) {
    for (int attempt = 0; attempt < STALE_READ_RETRIES; attempt++) {
      Membership current = member(groupId, userId).orElseThrow(() -> new NotFoundException("no such member"));
      int admins = MembershipRules.adminDelta(current.role(), null);
      List<TxItem> items = new ArrayList<>(List.of(
          Tx.delete(table, GroupItems.memberKey(groupId, userId), "#role = :old",
              names("#role"), Map.of(":old", s(current.role().name())), StaleRead::new),
          Tx.delete(table, GroupItems.userGroupKey(userId, groupId)),
          counts(groupId, -1, admins)));
      if (!callerId.equals(userId)) {
        items.add(stillAllowed(groupId, callerId, Action.MEMBERS_MANAGE));
      }
      var leftOpen = closingInvitationsOf(groupId, userId, managesMembers(current.role()), items);
      try {
        Transactions.write(dynamo, items);
        closeEach(leftOpen);
        return;
      } catch (StaleRead e) {
        // read again
      }
    }
    throw new ConflictException(ErrorCode.CONCURRENT_CHANGE, "the membership keeps changing; try again");
  }

  /** Whether {@code role} manages members: the invitations of one who stops doing so close (accepting re-checks it too). */
  private static boolean managesMembers(Role role) {
    return Role.allowing(Action.MEMBERS_MANAGE).contains(role);
  }

  /**
   * When an ADMIN loses the role, the pending invitations they made close with it: as many as fit
   * go into {@code items}, the transaction that takes the role; the rest are returned, to be closed
   * right after it. Accepting re-checks the inviter in its own transaction, so one of those that
   * is still open meanwhile cannot be accepted either.
   */
  private List<Invitation> closingInvitationsOf(String groupId, String adminId, boolean losesAdmin,
      List<TxItem> items) {
    if (!losesAdmin) {
      return List.of();
    }
    List<Invitation> made = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      var page = GroupItems.pendingInvitations(dynamo, table, groupId, adminId, null, 0, start);
      page.items().forEach(item -> made.add(GroupItems.invitation(item)));
      start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
    } while (start != null);
    int fit = Math.min(made.size(), (MAX_TRANSACTION_ITEMS - items.size()) / GroupItems.CLOSING_ITEMS);
    for (Invitation inv : made.subList(0, fit)) {
      items.addAll(GroupItems.closing(table, inv, InvitationStatus.REVOKED, "", Map.of(), StaleRead::new));
    }
    return made.subList(fit, made.size());
  }

  /** Closes each invitation in a transaction of its own; one closed meanwhile is skipped. */
  private void closeEach(List<Invitation> invitations) {
    for (Invitation inv : invitations) {
      try {
        Transactions.write(dynamo, GroupItems.closing(table, inv, InvitationStatus.REVOKED, "", Map.of(), StaleRead::new));
      } catch (StaleRead closedMeanwhile) {
        // accepted, declined or revoked since it was read
      }
    }
  }

  /** The item changed between our read and our conditional write. */
  private static final class StaleRead extends RuntimeException {
    StaleRead() {
      super(null, null, false, false);
    }
  }
}
