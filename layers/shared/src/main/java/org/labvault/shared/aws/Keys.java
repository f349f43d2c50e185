package org.labvault.shared.aws;

/**
 * The key layout of the single LabVault table, in one place. Every item has {@code pk} and
 * {@code sk}; a group's items share its partition, so every read and write is scoped by group.
 */
public final class Keys {
  public static final String PK = "pk";
  public static final String SK = "sk";

  private Keys() {}

  /** A group's partition: its META item, members, invitation locks. */
  public static String group(String groupId) {
    return "GROUP#" + groupId;
  }

  public static final String META = "META";

  /** A member item in the group's partition; the authorization path reads exactly this. */
  public static String member(String userId) {
    return "MEMBER#" + userId;
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

  /** The audit records of one UTC day. */
  public static String auditDay(String isoDate) {
    return "AUDIT#" + isoDate;
  }
}
