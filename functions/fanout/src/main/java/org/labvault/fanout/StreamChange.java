package org.labvault.fanout;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.time.Instant;
import java.util.Map;

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

  static StreamChange of(DynamodbStreamRecord record) {
    var stream = record.getDynamodb();
    if (stream == null || stream.getNewImage() == null || "REMOVE".equals(record.getEventName())) {
      return IRRELEVANT;
    }
    Map<String, AttributeValue> now = stream.getNewImage();
    return switch (str(now, "type")) {
      case "Asset" -> assetDeleted(record, now, stream.getOldImage());
      case "AppLink" -> noticeOwed(now);
      case null, default -> IRRELEVANT;
    };
  }

  private static StreamChange assetDeleted(DynamodbStreamRecord record, Map<String, AttributeValue> now,
      Map<String, AttributeValue> before) {
    boolean becameDeleted = "MODIFY".equals(record.getEventName()) && "DELETED".equals(str(now, "status"))
        && before != null && !"DELETED".equals(str(before, "status"));
    if (!becameDeleted || str(now, "assetId") == null || str(now, "objectKey") == null) {
      return IRRELEVANT;
    }
    String deletedAt = str(now, "deletedAt");
    Instant at = deletedAt != null ? Instant.parse(deletedAt)
        : record.getDynamodb().getApproximateCreationDateTime().toInstant();
    String by = str(now, "deletedBy");
    return new AssetDeleted(str(now, "assetId"), str(now, "objectKey"), at, by != null ? by : UNKNOWN_ACTOR);
  }

  private static StreamChange noticeOwed(Map<String, AttributeValue> now) {
    boolean owed = "NOTIFIED".equals(str(now, "notice")) && num(now, "attempt") > num(now, "publishedAttempt");
    return owed && str(now, "linkId") != null ? new NoticeOwed(str(now, "linkId")) : IRRELEVANT;
  }

  private static String str(Map<String, AttributeValue> image, String name) {
    AttributeValue v = image.get(name);
    return v == null ? null : v.getS();
  }

  private static long num(Map<String, AttributeValue> image, String name) {
    AttributeValue v = image.get(name);
    return v == null || v.getN() == null ? 0 : Long.parseLong(v.getN());
  }
}
