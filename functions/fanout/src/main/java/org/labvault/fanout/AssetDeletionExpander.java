package org.labvault.fanout;

import java.time.Clock;
import javax.inject.Inject;
import org.labvault.fanout.StreamChange.AssetDeleted;
import org.labvault.shared.asset.port.ObjectStore;
import org.labvault.shared.audit.AuditAction;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.audit.AuditLog;
import org.labvault.shared.audit.AuditResource;
import org.labvault.shared.deletion.domain.AppLink;
import org.labvault.shared.deletion.domain.DeletionReason;
import org.labvault.shared.deletion.port.LinkRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes an asset's deletion: its bytes leave the data bucket (the API removed them already
 * unless it crashed in between) and every LIVE link becomes a DELETED link owing a notice. Each
 * link changes in the same transaction as {@code DELETE /app-links/{id}}, conditional on being
 * LIVE, so a repeated record, or a link deleted through the API meanwhile, changes nothing.
 */
final class AssetDeletionExpander {

  /** Who the audit trail names for changes of this function. */
  static final String ACTOR = "system:fanout";

  private static final Logger LOG = LoggerFactory.getLogger(AssetDeletionExpander.class);

  private final ObjectStore objects;
  private final LinkRepository links;
  private final AuditLog audit;
  private final Clock clock;

  @Inject
  AssetDeletionExpander(ObjectStore objects, LinkRepository links, AuditLog audit, Clock clock) {
    this.objects = objects;
    this.links = links;
    this.audit = audit;
    this.clock = clock;
  }

  /** @return how many links this call deleted */
  int expand(AssetDeleted deleted, String requestId) {
    int removed = objects.deleteAllVersions(deleted.objectKey());
    if (removed > 0) {
      LOG.info("asset {}: {} object versions removed", deleted.assetId(), removed);
    }
    int expanded = 0;
    for (AppLink link : links.all(deleted.assetId())) {
      if (link.isLive()
          && links.delete(link, DeletionReason.ASSET_DELETED, deleted.deletedAt(), deleted.deletedBy())) {
        expanded++;
        audit.record(AuditEvent.of(ACTOR, AuditAction.APP_LINK_DELETE, AuditResource.appLink(link.linkId()),
            AuditEvent.Decision.ALLOW, requestId, clock.instant()));
      }
    }
    LOG.info("asset {} deleted: {} links to notify", deleted.assetId(), expanded);
    return expanded;
  }
}
