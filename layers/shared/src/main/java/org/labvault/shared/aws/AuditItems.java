package org.labvault.shared.aws;

import java.util.HashMap;
import java.util.Map;
import org.labvault.shared.audit.AuditRecord;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Audit chain items: a chain's HEAD (the last record's seq and hash) and its records, each in the
 * chain's partition under {@code SEQ#<seq>} and in {@link Keys#GSI1} under its UTC day, by time.
 */
public final class AuditItems {
  public static final String TYPE_RECORD = "AuditRecord";
  public static final String TYPE_HEAD = "AuditChainHead";
  public static final String SEQ = "seq";
  public static final String CHAIN = "chain";
  public static final String AT = "at";
  public static final String ACTOR = "actor";
  public static final String ACTION = "action";
  public static final String RESOURCE = "resource";
  public static final String DECISION = "decision";
  public static final String ROLE = "role";
  public static final String REQUEST_ID = "requestId";
  public static final String PREV_HASH = "prevHash";
  public static final String HASH = "hash";

  private AuditItems() {}

  public static Map<String, AttributeValue> headKey(int chain) {
    return Map.of(Keys.PK, AttributeValue.fromS(Keys.auditChain(chain)), Keys.SK, AttributeValue.fromS(Keys.AUDIT_HEAD));
  }

  public static Map<String, AttributeValue> item(AuditRecord r) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(Keys.PK, AttributeValue.fromS(Keys.auditChain(r.chain())));
    item.put(Keys.SK, AttributeValue.fromS(Keys.auditRecord(r.seq())));
    item.put(Keys.GSI1_PK, AttributeValue.fromS(Keys.auditDay(r.at().substring(0, 10))));
    item.put(Keys.GSI1_SK, AttributeValue.fromS(Keys.auditMoment(r.at(), r.chain(), r.seq())));
    item.put(Keys.TYPE, AttributeValue.fromS(TYPE_RECORD));
    item.put(CHAIN, AttributeValue.fromN(Integer.toString(r.chain())));
    item.put(SEQ, AttributeValue.fromN(Long.toString(r.seq())));
    item.put(AT, AttributeValue.fromS(r.at()));
    item.put(ACTOR, AttributeValue.fromS(r.actor()));
    item.put(ACTION, AttributeValue.fromS(r.action()));
    item.put(RESOURCE, AttributeValue.fromS(r.resource()));
    item.put(DECISION, AttributeValue.fromS(r.decision()));
    if (r.role() != null) {
      item.put(ROLE, AttributeValue.fromS(r.role()));
    }
    item.put(REQUEST_ID, AttributeValue.fromS(r.requestId()));
    item.put(PREV_HASH, AttributeValue.fromS(r.prevHash()));
    item.put(HASH, AttributeValue.fromS(r.hash()));
    return item;
  }

  /**
   * The record an item holds, as it is stored (a tampered item reads back tampered; a missing
   * attribute reads as null, a non-number chain or seq as -1, so the verifier reports rather than
   * fails).
   */
  public static AuditRecord record(Map<String, AttributeValue> item) {
    return new AuditRecord((int) number(item, CHAIN), number(item, SEQ), text(item, AT), text(item, ACTOR),
        text(item, ACTION), text(item, RESOURCE), text(item, DECISION), text(item, ROLE),
        text(item, REQUEST_ID), text(item, PREV_HASH), text(item, HASH));
  }

  /** The seq a record item's sort key places it at, or -1 for a key that is not a record's. */
  public static long positionOf(Map<String, AttributeValue> item) {
    String sk = text(item, Keys.SK);
    if (sk == null || !sk.startsWith(Keys.AUDIT_RECORD_PREFIX)) {
      return -1;
    }
    try {
      return Long.parseLong(sk.substring(Keys.AUDIT_RECORD_PREFIX.length()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  public static long headSeq(Map<String, AttributeValue> head) {
    return number(head, SEQ);
  }

  public static String headHash(Map<String, AttributeValue> head) {
    return text(head, HASH);
  }

  /** A string attribute, or null when it is missing or not a string (a tampered item is read, not refused). */
  public static String text(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? null : v.s();
  }

  /** A whole-number attribute, or -1 when it is missing or not one (a tampered item is read, not refused). */
  public static long number(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    if (v == null || v.n() == null) {
      return -1;
    }
    try {
      return Long.parseLong(v.n());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
