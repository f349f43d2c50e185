package org.labvault.shared.deletion.adapter;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.deletion.domain.AppLink;
import org.labvault.shared.deletion.domain.DeletionReason;
import org.labvault.shared.deletion.domain.LinkDeletion;
import org.labvault.shared.deletion.domain.LinkStatus;
import org.labvault.shared.deletion.domain.NoticeStatus;
import org.labvault.shared.time.Times;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How an app link looks as an item of the LabVault table: every attribute name once. The HTTP
 * routes and the fan-out (stream consumer, re-notification schedule) read and write these items.
 *
 * <p>pk {@code LINK#<linkId>}, sk {@code META}; in gsi1 under {@code LINKS#<assetId>} (sort key
 * the link id); in the sparse gsi2 only while its notice waits ({@code DUE#<shard>} or
 * {@code OVERDUE}, see {@link Keys#due} and {@link Keys#OVERDUE}).
 */
public final class LinkItems {

  public static final String TYPE = "AppLink";
  public static final String LINK_ID = "linkId";
  public static final String ASSET_ID = "assetId";
  public static final String GROUP_ID = "groupId";
  public static final String TENANT = "tenant";
  public static final String APP_ID = "appId";
  public static final String EXTERNAL_REF = "externalRef";
  public static final String CREATED_AT = "createdAt";
  public static final String CREATED_BY = "createdBy";
  /** {@link LinkStatus}: LIVE or DELETED. */
  public static final String LINK_STATUS = "linkStatus";
  /** {@link DeletionReason}, once DELETED. */
  public static final String REASON = "reason";
  public static final String DELETED_AT = "deletedAt";
  public static final String DELETED_BY = "deletedBy";
  /** {@link NoticeStatus}, once DELETED. */
  public static final String NOTICE = "notice";
  /** The attempt that should be published (from 1). */
  public static final String ATTEMPT = "attempt";
  /** The last attempt published (0 before the first). */
  public static final String PUBLISHED_ATTEMPT = "publishedAttempt";
  public static final String NOTIFIED_AT = "notifiedAt";
  public static final String LAST_NOTIFIED_AT = "lastNotifiedAt";
  public static final String CONFIRMED_AT = "confirmedAt";

  private LinkItems() {}

  public static Map<String, AttributeValue> key(String linkId) {
    return Map.of(Keys.PK, AttributeValue.fromS(Keys.link(linkId)), Keys.SK, AttributeValue.fromS(Keys.META));
  }

  /** The item of a new live link. */
  static Map<String, AttributeValue> item(AppLink link) {
    Map<String, AttributeValue> item = new HashMap<>(key(link.linkId()));
    item.put(Keys.TYPE, s(TYPE));
    item.put(LINK_ID, s(link.linkId()));
    item.put(ASSET_ID, s(link.assetId()));
    item.put(GROUP_ID, s(link.groupId()));
    item.put(TENANT, s(link.tenant()));
    item.put(APP_ID, s(link.appId()));
    item.put(EXTERNAL_REF, s(link.externalRef()));
    item.put(CREATED_AT, s(Times.format(link.createdAt())));
    item.put(CREATED_BY, s(link.createdBy()));
    item.put(LINK_STATUS, s(link.status().name()));
    item.put(Keys.GSI1_PK, s(Keys.assetLinks(link.assetId())));
    item.put(Keys.GSI1_SK, s(link.linkId()));
    return item;
  }

  /** The link an item holds. */
  public static AppLink link(Map<String, AttributeValue> item) {
    LinkStatus status = LinkStatus.valueOf(item.get(LINK_STATUS).s());
    LinkDeletion deletion = status == LinkStatus.LIVE ? null : new LinkDeletion(
        DeletionReason.valueOf(item.get(REASON).s()),
        instant(item, DELETED_AT),
        str(item, DELETED_BY),
        NoticeStatus.valueOf(item.get(NOTICE).s()),
        number(item, ATTEMPT),
        number(item, PUBLISHED_ATTEMPT),
        instant(item, NOTIFIED_AT),
        instant(item, LAST_NOTIFIED_AT),
        instant(item, CONFIRMED_AT));
    return new AppLink(item.get(LINK_ID).s(), item.get(ASSET_ID).s(), item.get(GROUP_ID).s(), str(item, TENANT),
        item.get(APP_ID).s(), item.get(EXTERNAL_REF).s(), instant(item, CREATED_AT), str(item, CREATED_BY), status,
        deletion);
  }

  static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  static AttributeValue n(long v) {
    return AttributeValue.fromN(Long.toString(v));
  }

  private static String str(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? null : v.s();
  }

  private static Instant instant(Map<String, AttributeValue> item, String name) {
    String v = str(item, name);
    return v == null ? null : Instant.parse(v);
  }

  private static int number(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || v.n() == null ? 0 : Integer.parseInt(v.n());
  }
}
