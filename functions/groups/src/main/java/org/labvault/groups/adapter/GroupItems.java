package org.labvault.groups.adapter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.labvault.groups.domain.Group;
import org.labvault.groups.domain.Invitation;
import org.labvault.groups.domain.InvitationStatus;
import org.labvault.groups.domain.Membership;
import org.labvault.groups.domain.MyGroup;
import org.labvault.shared.auth.Action;
import org.labvault.shared.auth.Role;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.aws.RoleConditions;
import org.labvault.shared.aws.Tx;
import org.labvault.shared.aws.TxItem;
import org.labvault.shared.time.Times;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** How groups, memberships and invitations look as items of the LabVault table. */
final class GroupItems {

  static final String ACTIVE = Keys.GROUP_ACTIVE;
  static final String DELETING = "DELETING";
  /** Closed invitations are kept this long after they expire, then TTL removes them. */
  static final long KEEP_DAYS = 30;

  /** Attribute names of group, member, "my group", invitation and lock items. */
  static final String GROUP_ID = "groupId";
  static final String NAME = "name";
  static final String DESCRIPTION = "description";
  static final String TENANT = Keys.GROUP_TENANT;
  static final String CREATED_AT = "createdAt";
  static final String CREATED_BY = "createdBy";
  static final String MEMBER_COUNT = "memberCount";
  static final String ADMIN_COUNT = "adminCount";
  static final String STATUS = Keys.GROUP_STATUS;
  static final String USER_ID = "userId";
  static final String ROLE = Keys.ROLE;
  static final String ADDED_AT = "addedAt";
  static final String ADDED_BY = "addedBy";
  static final String INVITATION_ID = "invitationId";
  static final String GROUP_NAME = "groupName";
  static final String EXPIRES_AT = "expiresAt";
  static final String TTL = "ttl";

  private GroupItems() {}

  static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  static AttributeValue n(long v) {
    return AttributeValue.fromN(Long.toString(v));
  }

  static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of(Keys.PK, s(pk), Keys.SK, s(sk));
  }

  static Map<String, AttributeValue> metaKey(String groupId) {
    return key(Keys.group(groupId), Keys.META);
  }

  static Map<String, AttributeValue> memberKey(String groupId, String userId) {
    return key(Keys.group(groupId), Keys.member(userId));
  }

  static Map<String, AttributeValue> userGroupKey(String userId, String groupId) {
    return key(Keys.user(userId), Keys.userGroup(groupId));
  }

  static Map<String, AttributeValue> invitationKey(String invitationId) {
    return key(Keys.invitation(invitationId), Keys.META);
  }

  static Map<String, AttributeValue> inviteeKey(Invitation i) {
    return key(Keys.invitee(i.userId()), Times.format(i.expiresAt()) + "#" + i.invitationId());
  }

  static Map<String, AttributeValue> lockKey(String groupId, String userId) {
    return key(Keys.group(groupId), Keys.inviteeLock(userId));
  }

  private static void put(Map<String, AttributeValue> item, String name, String value) {
    if (value != null) {
      item.put(name, s(value));
    }
  }

  // ---- conditions and reads both repositories use

  /** "The acting member's role still allows what the route was allowed", as a transaction item; {@code otherwise} when not. */
  static TxItem stillAllowed(String table, String groupId, String userId, Action action,
      Supplier<? extends RuntimeException> otherwise) {
    return RoleConditions.stillAllows(table, memberKey(groupId, userId), ROLE, action, otherwise);
  }

  /** The group, if it exists and is not being deleted (strongly consistent). */
  static Optional<Group> activeGroup(DynamoDbClient dynamo, String table, String groupId) {
    var item = dynamo.getItem(r -> r.tableName(table).key(metaKey(groupId)).consistentRead(true)).item();
    if (item == null || item.isEmpty() || !ACTIVE.equals(item.get(STATUS).s())) {
      return Optional.empty();
    }
    return Optional.of(group(item));
  }

  // ---- groups

  static Map<String, AttributeValue> meta(Group g) {
    Map<String, AttributeValue> item = new HashMap<>(metaKey(g.groupId()));
    item.put(Keys.TYPE, s("Group"));
    item.put(GROUP_ID, s(g.groupId()));
    item.put(NAME, s(g.name()));
    put(item, DESCRIPTION, g.description());
    put(item, TENANT, g.tenant());
    item.put(CREATED_AT, s(Times.format(g.createdAt())));
    item.put(CREATED_BY, s(g.createdBy()));
    item.put(MEMBER_COUNT, n(g.memberCount()));
    item.put(ADMIN_COUNT, n(1));
    item.put(Keys.ASSET_COUNT, n(0));
    item.put(STATUS, s(ACTIVE));
    return item;
  }

  static Group group(Map<String, AttributeValue> item) {
    return new Group(
        item.get(GROUP_ID).s(),
        item.get(NAME).s(),
        str(item, DESCRIPTION),
        str(item, TENANT),
        Instant.parse(item.get(CREATED_AT).s()),
        item.get(CREATED_BY).s(),
        Integer.parseInt(item.get(MEMBER_COUNT).n()));
  }

  // ---- memberships: the group's member item (authorization reads it) and the user's copy

  static Map<String, AttributeValue> member(Membership m) {
    Map<String, AttributeValue> item = new HashMap<>(memberKey(m.groupId(), m.userId()));
    item.put(Keys.TYPE, s("Member"));
    item.put(GROUP_ID, s(m.groupId()));
    item.put(USER_ID, s(m.userId()));
    item.put(ROLE, s(m.role().name()));
    item.put(ADDED_AT, s(Times.format(m.addedAt())));
    item.put(ADDED_BY, s(m.addedBy()));
    return item;
  }

  static Membership membership(Map<String, AttributeValue> item) {
    return new Membership(
        item.get(GROUP_ID).s(),
        item.get(USER_ID).s(),
        Role.valueOf(item.get(ROLE).s()),
        Instant.parse(item.get(ADDED_AT).s()),
        item.get(ADDED_BY).s());
  }

  /** The member's copy, with what "my groups" shows, so one query lists them. */
  static Map<String, AttributeValue> userGroup(String userId, Role role, String groupId, String name,
      String description, Instant createdAt, String createdBy) {
    Map<String, AttributeValue> item = new HashMap<>(userGroupKey(userId, groupId));
    item.put(Keys.TYPE, s("UserGroup"));
    item.put(GROUP_ID, s(groupId));
    item.put(ROLE, s(role.name()));
    item.put(NAME, s(name));
    put(item, DESCRIPTION, description);
    item.put(CREATED_AT, s(Times.format(createdAt)));
    item.put(CREATED_BY, s(createdBy));
    return item;
  }

  static MyGroup myGroup(Map<String, AttributeValue> item) {
    return new MyGroup(
        item.get(GROUP_ID).s(),
        item.get(NAME).s(),
        str(item, DESCRIPTION),
        Instant.parse(item.get(CREATED_AT).s()),
        item.get(CREATED_BY).s(),
        Role.valueOf(item.get(ROLE).s()));
  }

  // ---- invitations: the invitation, the invitee's listing copy, the per-group lock

  static Map<String, AttributeValue> invitation(Invitation i, Map<String, AttributeValue> key) {
    Map<String, AttributeValue> item = new HashMap<>(key);
    item.put(Keys.TYPE, s("Invitation"));
    item.put(INVITATION_ID, s(i.invitationId()));
    item.put(GROUP_ID, s(i.groupId()));
    item.put(GROUP_NAME, s(i.groupName()));
    item.put(USER_ID, s(i.userId()));
    item.put(ROLE, s(i.role().name()));
    item.put(STATUS, s(i.status().name()));
    item.put(CREATED_AT, s(Times.format(i.createdAt())));
    item.put(CREATED_BY, s(i.createdBy()));
    item.put(EXPIRES_AT, s(Times.format(i.expiresAt())));
    item.put(TTL, n(i.expiresAt().getEpochSecond() + KEEP_DAYS * 86_400));
    return item;
  }

  /** The lock is also the group's copy of the pending invitation: one query lists them. */
  static Map<String, AttributeValue> lock(Invitation i) {
    Map<String, AttributeValue> item = invitation(i, lockKey(i.groupId(), i.userId()));
    item.put(Keys.TYPE, s("InvitationLock"));
    return item;
  }

  /**
   * Marks an invitation closed and removes its invitee's copy and its lock: three transaction
   * items, the invitation first, on condition it is still PENDING (and {@code extraCondition});
   * {@code closedMeanwhile} when it is not.
   */
  static List<TxItem> closing(String table, Invitation inv, InvitationStatus to, String extraCondition,
      Map<String, AttributeValue> extraValues, Supplier<? extends RuntimeException> closedMeanwhile) {
    var values = new HashMap<>(extraValues);
    values.put(":to", s(to.name()));
    values.put(":pending", s(InvitationStatus.PENDING.name()));
    return new ArrayList<>(List.of(
        Tx.update(table, invitationKey(inv.invitationId()), "SET #status = :to",
            "#status = :pending" + extraCondition, Map.of("#status", STATUS), values, closedMeanwhile),
        Tx.delete(table, inviteeKey(inv)),
        Tx.delete(table, lockKey(inv.groupId(), inv.userId()), INVITATION_ID + " = :id",
            Map.of(), Map.of(":id", s(inv.invitationId())), closedMeanwhile)));
  }

  /** Transaction items one closing takes. */
  static final int CLOSING_ITEMS = 3;

  /**
   * One page of the group's pending invitations, from their locks: those that have not expired at
   * {@code now} (when given), made by {@code invitedBy} (when given). A limit of 0: no limit.
   */
  static QueryResponse pendingInvitations(DynamoDbClient dynamo, String table, String groupId, String invitedBy,
      Instant now, int limit, Map<String, AttributeValue> startKey) {
    Map<String, AttributeValue> values = new HashMap<>(Map.of(
        ":pk", s(Keys.group(groupId)), ":locks", s(Keys.inviteeLock(""))));
    List<String> filters = new ArrayList<>();
    if (now != null) {
      filters.add(EXPIRES_AT + " > :now");
      values.put(":now", s(Times.format(now)));
    }
    if (invitedBy != null) {
      filters.add(CREATED_BY + " = :by");
      values.put(":by", s(invitedBy));
    }
    var request = QueryRequest.builder().tableName(table).consistentRead(true)
        .keyConditionExpression(Keys.PK + " = :pk AND begins_with(" + Keys.SK + ", :locks)")
        .filterExpression(filters.isEmpty() ? null : String.join(" AND ", filters))
        .expressionAttributeValues(values)
        .exclusiveStartKey(startKey);
    if (limit > 0) {
      request.limit(limit);
    }
    return dynamo.query(request.build());
  }

  static Invitation invitation(Map<String, AttributeValue> item) {
    return new Invitation(
        item.get(INVITATION_ID).s(),
        item.get(GROUP_ID).s(),
        item.get(GROUP_NAME).s(),
        item.get(USER_ID).s(),
        Role.valueOf(item.get(ROLE).s()),
        InvitationStatus.valueOf(item.get(STATUS).s()),
        Instant.parse(item.get(CREATED_AT).s()),
        item.get(CREATED_BY).s(),
        Instant.parse(item.get(EXPIRES_AT).s()));
  }

  private static String str(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? null : v.s();
  }
}
