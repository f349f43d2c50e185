package org.labvault.backup;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.labvault.backup.domain.AssetBecameAvailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One batch of the table's stream. Every asset is backed up on its own, so one failing copy holds
 * up no other; a failure is reported by sequence number and Lambda delivers it (and the records
 * after it) again, which the copier's idempotence makes harmless.
 */
final class StreamBatch {

  private static final Logger LOG = LoggerFactory.getLogger(StreamBatch.class);

  /** One record: its sequence number and the asset it asks to back up, if any. */
  record Item(String sequenceNumber, Optional<AssetBecameAvailable> asset) {}

  private final BackupCopier copier;

  @Inject
  StreamBatch(BackupCopier copier) {
    this.copier = copier;
  }

  /** @return the sequence numbers of the records that failed, in stream order */
  List<String> process(List<Item> items, String requestId) {
    List<String> failed = new ArrayList<>();
    for (Item item : items) {
      item.asset().ifPresent(asset -> {
        try {
          copier.backUp(asset, requestId);
        } catch (RuntimeException e) {
          LOG.warn("asset {} not backed up: {}", asset.assetId(), e.toString());
          failed.add(item.sequenceNumber());
        }
      });
    }
    return failed;
  }
}
