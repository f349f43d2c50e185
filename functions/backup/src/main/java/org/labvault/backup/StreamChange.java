package org.labvault.backup;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.util.Map;
import java.util.Optional;
import org.labvault.backup.domain.AssetBecameAvailable;

/** Reads one record of the table's stream: an asset that just became AVAILABLE, or nothing of interest. */
final class StreamChange {

  private StreamChange() {}

  static Optional<AssetBecameAvailable> of(DynamodbStreamRecord record) {
    var stream = record.getDynamodb();
    if (stream == null || !"MODIFY".equals(record.getEventName()) || stream.getNewImage() == null
        || stream.getOldImage() == null) {
      return Optional.empty();
    }
    Map<String, AttributeValue> now = stream.getNewImage();
    boolean becameAvailable = "Asset".equals(str(now, "type")) && "AVAILABLE".equals(str(now, "status"))
        && !"AVAILABLE".equals(str(stream.getOldImage(), "status"));
    if (!becameAvailable || str(now, "assetId") == null || str(now, "objectKey") == null
        || str(now, "versionId") == null || str(now, "sha256") == null || now.get("sizeBytes") == null) {
      return Optional.empty();
    }
    return Optional.of(new AssetBecameAvailable(str(now, "assetId"), str(now, "objectKey"), str(now, "versionId"),
        Long.parseLong(now.get("sizeBytes").getN()), str(now, "sha256")));
  }

  private static String str(Map<String, AttributeValue> image, String name) {
    AttributeValue v = image.get(name);
    return v == null ? null : v.getS();
  }
}
