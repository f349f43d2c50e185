package org.labvault.backup;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import java.util.Optional;
import org.labvault.backup.domain.AssetBecameAvailable;
import org.labvault.shared.asset.adapter.AssetItems;
import org.labvault.shared.asset.domain.AssetStatus;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.aws.StreamImage;

/** Reads one record of the table's stream: an asset that just became AVAILABLE, or nothing of interest. */
final class StreamChange {

  private static final String AVAILABLE = AssetStatus.AVAILABLE.name();

  private StreamChange() {}

  static Optional<AssetBecameAvailable> of(DynamodbStreamRecord record) {
    var stream = record.getDynamodb();
    if (stream == null || !"MODIFY".equals(record.getEventName()) || stream.getNewImage() == null
        || stream.getOldImage() == null) {
      return Optional.empty();
    }
    StreamImage now = StreamImage.of(stream.getNewImage());
    boolean becameAvailable = AssetItems.TYPE_ASSET.equals(now.text(Keys.TYPE))
        && AVAILABLE.equals(now.text(AssetItems.STATUS))
        && !AVAILABLE.equals(StreamImage.of(stream.getOldImage()).text(AssetItems.STATUS));
    if (!becameAvailable || now.text(AssetItems.ASSET_ID) == null || now.text(AssetItems.OBJECT_KEY) == null
        || now.text(AssetItems.VERSION_ID) == null || now.text(AssetItems.SHA256) == null
        || !now.has(AssetItems.SIZE_BYTES)) {
      return Optional.empty();
    }
    return Optional.of(new AssetBecameAvailable(now.text(AssetItems.ASSET_ID), now.text(AssetItems.OBJECT_KEY),
        now.text(AssetItems.VERSION_ID), now.requiredNumber(AssetItems.SIZE_BYTES), now.text(AssetItems.SHA256)));
  }
}
