package org.labvault.uploadevents;

import java.time.Clock;
import java.util.Optional;
import javax.inject.Inject;
import org.labvault.shared.asset.domain.Asset;
import org.labvault.shared.asset.domain.ObjectKeys;
import org.labvault.shared.asset.port.AssetRepository;
import org.labvault.shared.asset.port.ObjectStore;
import org.labvault.shared.asset.port.ObjectStore.StoredObject;
import org.labvault.shared.audit.AuditAction;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.audit.AuditLog;
import org.labvault.shared.audit.AuditResource;
import org.labvault.shared.id.Ids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what a landed object is: the bytes a pending asset declared (AVAILABLE), bytes that do
 * not match (REJECTED, removed), or bytes nobody may keep there (removed). S3 delivers events at
 * least once and in any order; every decision is a conditional write, so a repeated event finds it
 * made and changes nothing.
 */
public final class UploadVerifier {

  /** Who the audit trail names for decisions of this function. */
  static final String ACTOR = "system:upload-events";

  private static final Logger LOG = LoggerFactory.getLogger(UploadVerifier.class);

  private final AssetRepository assets;
  private final ObjectStore objects;
  private final AuditLog audit;
  private final Clock clock;

  @Inject
  UploadVerifier(AssetRepository assets, ObjectStore objects, AuditLog audit, Clock clock) {
    this.assets = assets;
    this.objects = objects;
    this.audit = audit;
    this.clock = clock;
  }

  /** What became of one landed object. */
  public enum Outcome { AVAILABLE, REJECTED, DUPLICATE, REMOVED_ORPHAN, REMOVED_LATE, RESTORING, GONE }

  public Outcome handle(ObjectCreated event, String requestId) {
    String assetId = ObjectKeys.assetIdOf(event.key());
    Optional<Asset> found = Ids.looksValid(assetId) ? assets.find(assetId) : Optional.empty();
    if (found.isEmpty() || !found.get().objectKey().equals(event.key())) {
      objects.delete(event.key(), event.versionId());
      record(AuditAction.OBJECT_REMOVE_ORPHAN, AuditResource.object(event.key()), AuditEvent.Decision.DENY, requestId);
      return Outcome.REMOVED_ORPHAN;
    }
    Asset asset = found.get();
    return switch (asset.status()) {
      case PENDING_UPLOAD -> verify(asset, event, requestId);
      case AVAILABLE -> sameVersion(asset, event) ? Outcome.DUPLICATE : removeLate(asset, event, requestId);
      case REJECTED -> removeLate(asset, event, requestId);
      // an operator's restore lands its copy (in parts: as a completed upload) before it marks the asset AVAILABLE
      case DELETED -> assets.restoreUnderWay(asset.assetId(), clock.instant())
          ? Outcome.RESTORING : removeLate(asset, event, requestId);
    };
  }

  private Outcome verify(Asset asset, ObjectCreated event, String requestId) {
    Optional<StoredObject> stored = objects.head(event.key(), event.versionId());
    if (stored.isEmpty()) {
      LOG.info("object {} version {} is gone; nothing to verify", event.key(), event.versionId());
      return Outcome.GONE;
    }
    String problem = mismatch(asset, event, stored.get());
    AuditResource resource = AuditResource.asset(asset.assetId());
    if (problem == null) {
      if (!assets.markAvailable(asset.assetId(), stored.get().versionId(), clock.instant())) {
        return handle(event, requestId); // decided meanwhile by a concurrent delivery: judge again
      }
      record(AuditAction.ASSET_VERIFY, resource, AuditEvent.Decision.ALLOW, requestId);
      return Outcome.AVAILABLE;
    }
    if (!assets.markRejected(asset.assetId(), problem)) {
      return handle(event, requestId);
    }
    // the decision is stored first: if removing fails, the retried event removes it (REJECTED path)
    objects.delete(event.key(), event.versionId());
    record(AuditAction.ASSET_VERIFY, resource, AuditEvent.Decision.DENY, requestId);
    LOG.info("asset {} rejected: {}", asset.assetId(), problem);
    return Outcome.REJECTED;
  }

  /** Why the stored bytes are not the declared ones, or null when they are. */
  private String mismatch(Asset asset, ObjectCreated event, StoredObject stored) {
    if (stored.sizeBytes() != asset.sizeBytes()) {
      return "size " + stored.sizeBytes() + " instead of the declared " + asset.sizeBytes();
    }
    // S3 keeps the SHA-256 of a single PUT it checked itself; anything else is read and hashed
    String sha256 = stored.sha256() != null ? stored.sha256() : objects.sha256(event.key(), event.versionId());
    return sha256.equals(asset.sha256()) ? null : "SHA-256 differs from the declared one";
  }

  private static boolean sameVersion(Asset asset, ObjectCreated event) {
    return asset.versionId() == null ? event.versionId() == null : asset.versionId().equals(event.versionId());
  }

  /** Bytes that landed after the asset was decided: only the verified version may stay. */
  private Outcome removeLate(Asset asset, ObjectCreated event, String requestId) {
    objects.delete(event.key(), event.versionId());
    record(AuditAction.OBJECT_REMOVE_LATE, AuditResource.asset(asset.assetId()), AuditEvent.Decision.DENY, requestId);
    return Outcome.REMOVED_LATE;
  }

  private void record(AuditAction action, AuditResource resource, AuditEvent.Decision decision, String requestId) {
    audit.record(AuditEvent.of(ACTOR, action, resource, decision, requestId, clock.instant()));
  }
}
