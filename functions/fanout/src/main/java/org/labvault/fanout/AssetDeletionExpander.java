package org.labvault.fanout;

import java.time.Clock;
import javax.inject.Inject;
import org.labvault.fanout.StreamChange.AssetDeleted;
import org.labvault.shared.asset.port.ObjectStore;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.audit.AuditLog;
import org.labvault.shared.deletion.port.NoticeRepository;
import org.labvault.shared.deletion.port.NoticeRepository.AssetDeletion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes an asset's deletion: its bytes leave the data bucket (the API removed them already
 * unless it crashed in between) and every LIVE link becomes a DELETED link owing a notice. Each
 * link changes in its own small transaction conditional on being LIVE, so a repeated record, or
 * a link deleted through the API meanwhile, changes nothing.
 */
final class AssetDeletionExpander {

  /** Who the audit trail names for changes of this function. */
  static final String ACTOR = "system:fanout";

  private static final Logger LOG = LoggerFactory.getLogger(AssetDeletionExpander.class);

  private final ObjectStore objects;
  private final NoticeRepository notices;
  private final AuditLog audit;
  private final Clock clock;

  @Inject
  AssetDeletionExpander(ObjectStore objects, NoticeRepository notices, AuditLog audit, Clock clock) {
    this.objects = objects;
    this.notices = notices;
    this.audit = audit;
    this.clock = clock;
  }

  /** @return how many links this call deleted */
  int expand(AssetDeleted deleted, String requestId) {
    int removed = objects.deleteAllVersions(deleted.objectKey());
    if (removed > 0) {
      LOG.info("asset {}: {} object versions removed", deleted.assetId(), removed);
    }
    var deletion = new AssetDeletion(deleted.assetId(), deleted.deletedAt(), deleted.deletedBy());
    int expanded = 0;
    for (String linkId : notices.liveLinkIds(deleted.assetId())) {
      if (notices.expand(linkId, deletion)) {
        expanded++;
        audit.record(new AuditEvent(ACTOR, "app-link:delete", "app-link:" + linkId, AuditEvent.Decision.ALLOW, null,
            requestId, clock.instant()));
      }
    }
    LOG.info("asset {} deleted: {} links to notify", deleted.assetId(), expanded);
    return expanded;
  }
}
