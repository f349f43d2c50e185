package org.labvault.shared.aws;

import java.time.Instant;
import org.labvault.shared.auth.Principal;
import org.labvault.shared.time.Times;

/**
 * The key layout of the single LabVault table, in one place. Every item has {@code pk} and
 * {@code sk}; a group's items share its partition, so every read and write is scoped by group.
 */
public final class Keys {
  public static final String PK = "pk";
  public static final String SK = "sk";

  /** A condition: an item is stored under the key written. */
  public static final String EXISTS = "attribute_exists(" + PK + ")";
  /** A condition: no item is stored under the key written yet. */
  public static final String ABSENT = "attribute_not_exists(" + PK + ")";

  /** What an item is ({@code Asset}, {@code AuditRecord}...), on every item. */
  public static final String TYPE = "type";

  private Keys() {}

  /** A group's partition: its META item, members, invitation locks. */
  public static String group(String groupId) {
    return "GROUP#" + groupId;
  }

  public static final String META = "META";

  /** On a group's META item: its status, read by every module that writes into a group. */
  public static final String GROUP_STATUS = "status";

  /** A group's status while it can be used (the alternative is DELETING). */
  public static final String GROUP_ACTIVE = "ACTIVE";

  /** On a group's META item: the tenant it belongs to. */
  public static final String GROUP_TENANT = "tenant";

  /** On a member item (and a group's grant to an instrument): the role it gives. */
  public static final String ROLE = "role";

  /** On a group's META item: how many of its assets are not deleted (deletion waits for 0). */
  public static final String ASSET_COUNT = "assetCount";

  /** An asset's own partition: its META item, read by id. */
  public static String asset(String assetId) {
    return "ASSET#" + assetId;
  }

  /** The generic secondary index: lists that are not read by their item's own key. */
  public static final String GSI1 = "gsi1";
  public static final String GSI1_PK = "gsi1pk";
  public static final String GSI1_SK = "gsi1sk";

  /**
   * The sparse secondary index of notices that wait for something: deletion notices due for
   * re-notification ({@code DUE#<shard>}, ordered by due time) and overdue ones ({@code OVERDUE}).
   * Only waiting items carry its keys, so reading it costs what is due, never the table.
   */
  public static final String GSI2 = "gsi2";
  public static final String GSI2_PK = "gsi2pk";
  public static final String GSI2_SK = "gsi2sk";

  /** In {@link #GSI1}: a group's assets, deleted ones apart so that default lists skip them. */
  public static String groupAssets(String groupId, boolean deleted) {
    return "ASSETS#" + groupId + (deleted ? "#DELETED" : "#LIVE");
  }

  /**
   * A member item in the group's partition; the authorization path reads exactly this. For an
   * instrument ({@code instrument:<id>}) it is the group's grant to the instrument, which is not a
   * membership: it is kept apart from the member list.
   */
  public static String member(String userId) {
    return userId.startsWith(Principal.INSTRUMENT_PREFIX)
        ? instrumentGrant(userId.substring(Principal.INSTRUMENT_PREFIX.length()))
        : "MEMBER#" + userId;
  }

  public static final String MEMBER_PREFIX = "MEMBER#";

  /** A user's partition: one item per group they belong to ("my groups"). */
  public static String user(String userId) {
    return "USER#" + userId;
  }

  public static String userGroup(String groupId) {
    return "GROUP#" + groupId;
  }

  /** An invitation, addressed by its id. */
  public static String invitation(String invitationId) {
    return "INVITATION#" + invitationId;
  }

  /** The invitee's partition of pending invitations, sorted by expiry. */
  public static String invitee(String userId) {
    return "INVITEE#" + userId;
  }

  /** In the group's partition: at most one pending invitation per invitee. */
  public static String inviteeLock(String userId) {
    return "INVITEE#" + userId;
  }

  /**
   * On an asset's META item: how many LIVE app links it has (absent = 0). Kept in the transactions
   * that create and delete links, so that reclassifying to SECRET can be a conditional write.
   */
  public static final String LIVE_LINKS = "liveLinks";

  /** A registered application's item. */
  public static String app(String appId) {
    return "APP#" + appId;
  }

  /** In {@link #GSI1}: every registered application, by id. */
  public static final String APPS = "APPS";

  /** An app link's item, addressed by its id. */
  public static String link(String linkId) {
    return "LINK#" + linkId;
  }

  /** In {@link #GSI1}: every link of an asset, live and deleted, by link id (oldest first). */
  public static String assetLinks(String assetId) {
    return "LINKS#" + assetId;
  }

  /** In {@link #GSI2}: notices waiting for re-notification are spread over this many partitions. */
  public static final int DUE_SHARDS = 8;

  /** In {@link #GSI2}: the partition of notices due for re-notification that holds {@code linkId}. */
  public static String due(String linkId) {
    return dueShard(Math.floorMod(linkId.hashCode(), DUE_SHARDS));
  }

  /** In {@link #GSI2}: due partition number {@code shard} (0 to {@link #DUE_SHARDS} - 1). */
  public static String dueShard(int shard) {
    return "DUE#" + shard;
  }

  /**
   * In {@link #GSI2}: the sort key of a waiting notice, the time first (fixed width, so string order
   * is time order), then the link.
   */
  public static String waitingSince(Instant at, String linkId) {
    return Times.format(at) + "#" + linkId;
  }

  /** In {@link #GSI2}: notices given up on after the last attempt, by the time they became overdue. */
  public static final String OVERDUE = "OVERDUE";

  /** An instrument's own partition: its META item, its grants and its requests' claims. */
  public static String instrument(String instrumentId) {
    return "INSTRUMENT#" + instrumentId;
  }

  /** In a group's partition: its grant to an instrument (carries the role the grant gives). */
  public static String instrumentGrant(String instrumentId) {
    return INSTRUMENT_GRANT_PREFIX + instrumentId;
  }

  public static final String INSTRUMENT_GRANT_PREFIX = "INSTRUMENT#";

  /** In an instrument's partition: the same grant, so that revoking finds every one. */
  public static String grantedBy(String groupId) {
    return GRANT_PREFIX + groupId;
  }

  public static final String GRANT_PREFIX = "GRANT#";

  /** In {@link #GSI1}: an owner's instruments, oldest first. */
  public static String ownedInstruments(String ownerId) {
    return "INSTRUMENTS#" + ownerId;
  }

  /** In an instrument's partition: the asset an upload request made (the same request, the same asset). */
  public static String instrumentRequest(String requestId) {
    return "REQUEST#" + requestId;
  }

  /** In {@link #GSI1}: the audit records of one UTC day, ordered by {@link #auditMoment}. */
  public static String auditDay(String isoDate) {
    return "AUDIT#" + isoDate;
  }

  /** The partition of audit hash chain {@code chain}: its HEAD item and its records by seq. */
  public static String auditChain(int chain) {
    return "AUDIT#CHAIN#" + pad(chain, 3);
  }

  /** In an audit chain's partition: the last record's seq and hash, the item every writer races on. */
  public static final String AUDIT_HEAD = "HEAD";

  public static final String AUDIT_RECORD_PREFIX = "SEQ#";

  /** In an audit chain's partition: record {@code seq}, fixed width so string order is seq order. */
  public static String auditRecord(long seq) {
    return AUDIT_RECORD_PREFIX + pad(seq, 12);
  }

  /**
   * The partition of the signed audit digests: a HEAD item (the last digest's seq and signature) and
   * the digests under {@link #auditRecord}{@code (seq)}. Not an {@code AUDIT#CHAIN#} key, so no
   * writer of records can reach it.
   */
  public static final String AUDIT_DIGESTS = "AUDIT#DIGEST";

  /** In {@link #GSI1}: a record's place in its day: time, then chain, then seq (all fixed width). */
  public static String auditMoment(String at, int chain, long seq) {
    return at + "#" + pad(chain, 3) + "#" + pad(seq, 12);
  }

  private static String pad(long n, int width) {
    String digits = Long.toString(n);
    return "0".repeat(Math.max(0, width - digits.length())) + digits;
  }

  /** The canary's partition: its latest run is the item {@link #CANARY_LATEST}. */
  public static final String CANARY = "CANARY";

  public static final String CANARY_LATEST = "LATEST";

  /** The alarms raised on one UTC day. */
  public static String alarmDay(String isoDate) {
    return "ALARMS#" + isoDate;
  }

  /** An alarm's item: its day's partition, then time and id (the same alarm id is stored once). */
  public static String alarmMoment(String at, String alarmId) {
    return at + "#" + alarmId;
  }

  /** One actor's sliding window of one counted kind of security event (refusals, deletions). */
  public static String burstWindow(String kind, String actor) {
    return "ALARMWINDOW#" + kind + "#" + actor;
  }

  /** The backup verification reports, newest last (sort key: start time, then report id). */
  public static final String BACKUP_REPORTS = "BACKUP#REPORTS";
}
