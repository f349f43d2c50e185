package org.labvault.ops.adapter;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.labvault.ops.domain.Notice;
import org.labvault.ops.domain.Severity;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.time.Times;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How a notice looks as an item of the LabVault table: {@code pk = NOTICE},
 * {@code sk = <endsAt>#<noticeId>}, so one query from "now" onwards reads exactly the notices that
 * have not ended.
 */
final class NoticeItems {

  static final String PARTITION = "NOTICE";
  /** Ended notices are kept this long, then DynamoDB's TTL removes them. */
  static final long KEEP_AFTER_END_DAYS = 90;

  static final String TYPE = Keys.TYPE;
  static final String NOTICE_ID = "noticeId";
  static final String MESSAGE = "message";
  static final String SEVERITY = "severity";
  static final String STARTS_AT = "startsAt";
  static final String ENDS_AT = "endsAt";
  /** The tenants a notice is for, a string set; absent for a notice to everyone (a set cannot be empty). */
  static final String TENANTS = "tenants";
  static final String CREATED_AT = "createdAt";
  static final String CREATED_BY = "createdBy";
  static final String TTL = "ttl";

  private NoticeItems() {}

  static String sortKey(Instant endsAt, String noticeId) {
    return Times.format(endsAt) + "#" + noticeId;
  }

  static Map<String, AttributeValue> item(Notice n) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(Keys.PK, s(PARTITION));
    item.put(Keys.SK, s(sortKey(n.endsAt(), n.noticeId())));
    item.put(TYPE, s("Notice"));
    item.put(NOTICE_ID, s(n.noticeId()));
    item.put(MESSAGE, s(n.message()));
    item.put(SEVERITY, s(n.severity().name()));
    item.put(STARTS_AT, s(Times.format(n.startsAt())));
    item.put(ENDS_AT, s(Times.format(n.endsAt())));
    if (!n.tenants().isEmpty()) {
      item.put(TENANTS, AttributeValue.fromSs(n.tenants().stream().sorted().toList()));
    }
    item.put(CREATED_AT, s(Times.format(n.createdAt())));
    item.put(CREATED_BY, s(n.createdBy()));
    item.put(TTL, AttributeValue.fromN(Long.toString(n.endsAt().plus(KEEP_AFTER_END_DAYS, ChronoUnit.DAYS).getEpochSecond())));
    return item;
  }

  static Notice notice(Map<String, AttributeValue> item) {
    AttributeValue tenants = item.get(TENANTS);
    return new Notice(
        item.get(NOTICE_ID).s(),
        item.get(MESSAGE).s(),
        Severity.valueOf(item.get(SEVERITY).s()),
        Instant.parse(item.get(STARTS_AT).s()),
        Instant.parse(item.get(ENDS_AT).s()),
        tenants == null ? Set.of() : Set.copyOf(tenants.ss()),
        Instant.parse(item.get(CREATED_AT).s()),
        item.get(CREATED_BY).s());
  }

  static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }
}
