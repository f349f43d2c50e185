package org.labvault.ops.adapter;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.labvault.ops.domain.Notice;
import org.labvault.ops.domain.Severity;
import org.labvault.shared.time.Times;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;

/**
 * A notice as stored in the table: {@code pk = NOTICE}, {@code sk = <endsAt>#<noticeId>}, so one
 * query from "now" onwards reads exactly the notices that have not ended.
 */
public final class NoticeItem {

  static final String PARTITION = "NOTICE";
  /** Ended notices are kept this long, then DynamoDB's TTL removes them. */
  static final long KEEP_AFTER_END_DAYS = 90;

  static final TableSchema<NoticeItem> SCHEMA =
      StaticTableSchema.builder(NoticeItem.class)
          .newItemSupplier(NoticeItem::new)
          .addAttribute(String.class, a -> a.name("pk").getter(NoticeItem::getPk).setter(NoticeItem::setPk)
              .tags(StaticAttributeTags.primaryPartitionKey()))
          .addAttribute(String.class, a -> a.name("sk").getter(NoticeItem::getSk).setter(NoticeItem::setSk)
              .tags(StaticAttributeTags.primarySortKey()))
          .addAttribute(String.class, a -> a.name("type").getter(NoticeItem::getType).setter(NoticeItem::setType))
          .addAttribute(String.class, a -> a.name("noticeId").getter(NoticeItem::getNoticeId).setter(NoticeItem::setNoticeId))
          .addAttribute(String.class, a -> a.name("message").getter(NoticeItem::getMessage).setter(NoticeItem::setMessage))
          .addAttribute(String.class, a -> a.name("severity").getter(NoticeItem::getSeverity).setter(NoticeItem::setSeverity))
          .addAttribute(String.class, a -> a.name("startsAt").getter(NoticeItem::getStartsAt).setter(NoticeItem::setStartsAt))
          .addAttribute(String.class, a -> a.name("endsAt").getter(NoticeItem::getEndsAt).setter(NoticeItem::setEndsAt))
          .addAttribute(EnhancedType.setOf(String.class), a -> a.name("tenants").getter(NoticeItem::getTenants).setter(NoticeItem::setTenants))
          .addAttribute(String.class, a -> a.name("createdAt").getter(NoticeItem::getCreatedAt).setter(NoticeItem::setCreatedAt))
          .addAttribute(String.class, a -> a.name("createdBy").getter(NoticeItem::getCreatedBy).setter(NoticeItem::setCreatedBy))
          .addAttribute(Long.class, a -> a.name("ttl").getter(NoticeItem::getTtl).setter(NoticeItem::setTtl))
          .build();

  private String pk;
  private String sk;
  private String type;
  private String noticeId;
  private String message;
  private String severity;
  private String startsAt;
  private String endsAt;
  private Set<String> tenants;
  private String createdAt;
  private String createdBy;
  private Long ttl;

  static String sortKey(Instant endsAt, String noticeId) {
    return Times.format(endsAt) + "#" + noticeId;
  }

  static NoticeItem from(Notice n) {
    NoticeItem item = new NoticeItem();
    item.pk = PARTITION;
    item.sk = sortKey(n.endsAt(), n.noticeId());
    item.type = "Notice";
    item.noticeId = n.noticeId();
    item.message = n.message();
    item.severity = n.severity().name();
    item.startsAt = Times.format(n.startsAt());
    item.endsAt = Times.format(n.endsAt());
    item.tenants = n.tenants().isEmpty() ? null : n.tenants(); // DynamoDB sets cannot be empty
    item.createdAt = Times.format(n.createdAt());
    item.createdBy = n.createdBy();
    item.ttl = n.endsAt().plus(KEEP_AFTER_END_DAYS, ChronoUnit.DAYS).getEpochSecond();
    return item;
  }

  Notice toNotice() {
    return new Notice(
        noticeId,
        message,
        Severity.valueOf(severity),
        Instant.parse(startsAt),
        Instant.parse(endsAt),
        tenants == null ? Set.of() : tenants,
        Instant.parse(createdAt),
        createdBy);
  }

  public String getPk() { return pk; }
  public void setPk(String v) { pk = v; }
  public String getSk() { return sk; }
  public void setSk(String v) { sk = v; }
  public String getType() { return type; }
  public void setType(String v) { type = v; }
  public String getNoticeId() { return noticeId; }
  public void setNoticeId(String v) { noticeId = v; }
  public String getMessage() { return message; }
  public void setMessage(String v) { message = v; }
  public String getSeverity() { return severity; }
  public void setSeverity(String v) { severity = v; }
  public String getStartsAt() { return startsAt; }
  public void setStartsAt(String v) { startsAt = v; }
  public String getEndsAt() { return endsAt; }
  public void setEndsAt(String v) { endsAt = v; }
  public Set<String> getTenants() { return tenants; }
  public void setTenants(Set<String> v) { tenants = v; }
  public String getCreatedAt() { return createdAt; }
  public void setCreatedAt(String v) { createdAt = v; }
  public String getCreatedBy() { return createdBy; }
  public void setCreatedBy(String v) { createdBy = v; }
  public Long getTtl() { return ttl; }
  public void setTtl(Long v) { ttl = v; }
}
