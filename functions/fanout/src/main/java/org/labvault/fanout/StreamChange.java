package org.labvault.fanout;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import java.time.Instant;
import org.labvault.shared.asset.adapter.AssetItems;
import org.labvault.shared.asset.domain.AssetStatus;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.aws.StreamImage;
import org.labvault.shared.deletion.adapter.LinkItems;
import org.labvault.shared.deletion.domain.NoticeStatus;

/** What one record of the table's stream asks of this function, decided from its images alone. */
sealed interface StreamChange {

  /** An asset just became DELETED: its bytes go and its live links are deleted. */
  record AssetDeleted(String assetId, String objectKey, Instant deletedAt, String deletedBy) implements StreamChange {}

  /** A deleted link's notice owes a publication (attempt > publishedAttempt). */
  record NoticeOwed(String linkId) implements StreamChange {}

  /** Anything else: other items, inserts of assets, removals by TTL, the publisher's own marks. */
  record Irrelevant() implements StreamChange {}

  Irrelevant IRRELEVANT = new Irrelevant();

  /** Who deleted an asset when the image does not say (never expected; kept so no deletion stalls). */
  String UNKNOWN_ACTOR = "system:unknown";

  String DELETED = AssetStatus.DELETED.name();
  String NOTIFIED = NoticeStatus.NOTIFIED.name();

  static StreamChange of(DynamodbStreamRecord record) {
    var stream = record.getDynamodb();
    if (stream == null || stream.getNewImage() == null || "REMOVE".equals(record.getEventName())) {
      return IRRELEVANT;
    }
    StreamImage now = StreamImage.of(stream.getNewImage());
    return switch (now.text(Keys.TYPE)) {
      case AssetItems.TYPE_ASSET -> assetDeleted(record, now, StreamImage.of(stream.getOldImage()));
      case LinkItems.TYPE -> noticeOwed(now);
      case null, default -> IRRELEVANT;
    };
  }

  private static StreamChange assetDeleted(DynamodbStreamRecord record, StreamImage now, StreamImage before) {
    boolean becameDeleted = "MODIFY".equals(record.getEventName()) && DELETED.equals(now.text(AssetItems.STATUS))
        && before != null && !DELETED.equals(before.text(AssetItems.STATUS));
    if (!becameDeleted || now.text(AssetItems.ASSET_ID) == null || now.text(AssetItems.OBJECT_KEY) == null) {
      return IRRELEVANT;
    }
    String deletedAt = now.text(AssetItems.DELETED_AT);
    Instant at = deletedAt != null ? Instant.parse(deletedAt)
        : record.getDynamodb().getApproximateCreationDateTime().toInstant();
    String by = now.text(AssetItems.DELETED_BY);
    return new AssetDeleted(now.text(AssetItems.ASSET_ID), now.text(AssetItems.OBJECT_KEY), at,
        by != null ? by : UNKNOWN_ACTOR);
  }

  private static StreamChange noticeOwed(StreamImage now) {
    boolean owed = NOTIFIED.equals(now.text(LinkItems.NOTICE))
        && now.number(LinkItems.ATTEMPT, 0) > now.number(LinkItems.PUBLISHED_ATTEMPT, 0);
    return owed && now.text(LinkItems.LINK_ID) != null ? new NoticeOwed(now.text(LinkItems.LINK_ID)) : IRRELEVANT;
  }
}
