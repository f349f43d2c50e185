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
  static final String SEQ = "seq";
  static final String HASH = "hash";

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
    item.put("chain", AttributeValue.fromN(Integer.toString(r.chain())));
    item.put(SEQ, AttributeValue.fromN(Long.toString(r.seq())));
    item.put("at", AttributeValue.fromS(r.at()));
    item.put("actor", AttributeValue.fromS(r.actor()));
    item.put("action", AttributeValue.fromS(r.action()));
    item.put("resource", AttributeValue.fromS(r.resource()));
    item.put("decision", AttributeValue.fromS(r.decision()));
    if (r.role() != null) {
      item.put("role", AttributeValue.fromS(r.role()));
    }
    item.put("requestId", AttributeValue.fromS(r.requestId()));
    item.put("prevHash", AttributeValue.fromS(r.prevHash()));
    item.put(HASH, AttributeValue.fromS(r.hash()));
    return item;
  }

  /**
   * The record an item holds, as it is stored (a tampered item reads back tampered; a missing
   * attribute reads as null, a non-number chain or seq as -1, so the verifier reports rather than
   * fails).
   */
  public static AuditRecord record(Map<String, AttributeValue> item) {
    return new AuditRecord((int) number(item, "chain"), number(item, SEQ), text(item, "at"), text(item, "actor"),
        text(item, "action"), text(item, "resource"), text(item, "decision"), text(item, "role"),
        text(item, "requestId"), text(item, "prevHash"), text(item, HASH));
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
