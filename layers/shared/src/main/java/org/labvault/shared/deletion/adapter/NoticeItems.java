package org.labvault.shared.deletion.adapter;

import java.time.Instant;
import java.util.Map;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.deletion.port.NoticeRepository.DeletedLink;
import org.labvault.shared.deletion.port.NoticeRepository.DueNotice;
import org.labvault.shared.deletion.port.NoticeRepository.NoticeStatus;
import org.labvault.shared.time.Times;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** How a link and its deletion notice look as an item of the LabVault table: the names, in one place. */
public final class NoticeItems {

  public static final String TYPE = "AppLink";
  public static final String LINK_ID = "linkId";
  public static final String ASSET_ID = "assetId";
  public static final String GROUP_ID = "groupId";
  public static final String APP_ID = "appId";
  public static final String EXTERNAL_REF = "externalRef";
  public static final String LINK_STATUS = "linkStatus";
  public static final String LIVE = "LIVE";
  public static final String DELETED = "DELETED";
  public static final String REASON = "reason";
  public static final String ASSET_DELETED = "ASSET_DELETED";
  public static final String LINK_DELETED = "LINK_DELETED";
  public static final String DELETED_AT = "deletedAt";
  public static final String DELETED_BY = "deletedBy";
  public static final String NOTICE = "notice";
  public static final String ATTEMPT = "attempt";
  public static final String PUBLISHED_ATTEMPT = "publishedAttempt";
  public static final String NOTIFIED_AT = "notifiedAt";
  public static final String LAST_NOTIFIED_AT = "lastNotifiedAt";
  public static final String CONFIRMED_AT = "confirmedAt";
  /** On the asset's META item: how many of its links are LIVE (absent = 0). */
  public static final String LIVE_LINKS = "liveLinks";

  static final String DUE_PREFIX = "DUE#";
  static final String OVERDUE = "OVERDUE";

  private NoticeItems() {}

  public static String link(String linkId) {
    return "LINK#" + linkId;
  }

  /** In gsi1: every link of an asset, live and deleted. */
  public static String assetLinks(String assetId) {
    return "LINKS#" + assetId;
  }

  static Map<String, AttributeValue> key(String linkId) {
    return Map.of(Keys.PK, AttributeValue.fromS(link(linkId)), Keys.SK, AttributeValue.fromS(Keys.META));
  }

  static Map<String, AttributeValue> assetKey(String assetId) {
    return Map.of(Keys.PK, AttributeValue.fromS(Keys.asset(assetId)), Keys.SK, AttributeValue.fromS(Keys.META));
  }

  /** The due index's partition of a link: spread over {@code DUE_SHARDS} so none is hot. */
  public static String dueShard(String linkId) {
    return DUE_PREFIX + Math.floorMod(linkId.hashCode(), org.labvault.shared.deletion.port.NoticeRepository.DUE_SHARDS);
  }

  /** A gsi2 sort key: the time first (fixed width, so string order is time order), then the link. */
  static String waitingSince(Instant at, String linkId) {
    return Times.format(at) + "#" + linkId;
  }

  static DeletedLink deletedLink(Map<String, AttributeValue> item) {
    return new DeletedLink(str(item, LINK_ID), str(item, ASSET_ID), str(item, GROUP_ID), str(item, APP_ID),
        str(item, EXTERNAL_REF), str(item, REASON), Instant.parse(str(item, DELETED_AT)),
        NoticeStatus.valueOf(str(item, NOTICE)), num(item, ATTEMPT), num(item, PUBLISHED_ATTEMPT));
  }

  static DueNotice dueNotice(Map<String, AttributeValue> item) {
    return new DueNotice(str(item, LINK_ID), NoticeStatus.valueOf(str(item, NOTICE)), num(item, ATTEMPT),
        num(item, PUBLISHED_ATTEMPT));
  }

  static String str(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? null : v.s();
  }

  /** A number attribute; absent counts as 0. */
  static int num(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || v.n() == null ? 0 : Integer.parseInt(v.n());
  }
}
