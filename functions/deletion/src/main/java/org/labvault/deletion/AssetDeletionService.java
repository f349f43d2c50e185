package org.labvault.deletion;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.inject.Inject;
import org.labvault.shared.asset.domain.Asset;
import org.labvault.shared.asset.domain.AssetStatus;
import org.labvault.shared.asset.port.AssetRepository;
import org.labvault.shared.asset.port.ObjectStore;
import org.labvault.shared.audit.AuditResource;
import org.labvault.shared.auth.Action;
import org.labvault.shared.auth.Authorizer;
import org.labvault.shared.auth.Caller;
import org.labvault.shared.auth.Role;
import org.labvault.shared.deletion.domain.DeletionState;
import org.labvault.shared.deletion.port.LinkRepository;
import org.labvault.shared.id.Ids;

/**
 * Deleting assets and reporting how far their deletion reached the apps holding links. The
 * deletion itself is one transaction; telling the apps is the fan-out's work, driven by the table's
 * stream (the asset's change to DELETED is the outbox record).
 */
public final class AssetDeletionService {

  private final AssetRepository assets;
  private final LinkRepository links;
  private final ObjectStore objects;
  private final Authorizer authorizer;
  private final Clock clock;

  @Inject
  AssetDeletionService(AssetRepository assets, LinkRepository links, ObjectStore objects, Authorizer authorizer, Clock clock) {
    this.assets = assets;
    this.links = links;
    this.objects = objects;
    this.authorizer = authorizer;
    this.clock = clock;
  }

  /** A deleted asset and its deletion status. */
  public record Deleted(Asset asset, DeletionState deletion) {}

  /**
   * Deletes an asset (EDIT_DELETE+) of any status but DELETED; deleting it again changes nothing
   * and answers the current state.
   */
  public Deleted delete(Caller caller, String assetId) {
    var found = readable(caller, assetId, Action.ASSETS_DELETE);
    Asset asset = found.asset();
    if (asset.status() != AssetStatus.DELETED) {
      Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
      if (assets.delete(asset, now, caller.userId())) { // false: a concurrent DELETE won, and is audited
        authorizer.allowed(caller, Action.ASSETS_DELETE.audited(), AuditResource.asset(assetId), found.role());
      }
    }
    removeBytes(asset);
    Asset deleted = assets.find(assetId).orElseThrow(Authorizer::noSuchAsset);
    return new Deleted(deleted, stateOf(deleted));
  }

  /**
   * The bytes leave the data bucket right after the transaction, so old download URLs stop working
   * at once. Should this function stop in between, the stream consumer that sees the asset become
   * DELETED removes them; both removals are idempotent, and a repeated DELETE removes them too.
   */
  private void removeBytes(Asset asset) {
    if (asset.uploadId() != null) {
      objects.abortMultipart(asset.objectKey(), asset.uploadId());
    }
    objects.deleteAllVersions(asset.objectKey());
  }

  /** The deletion status of an asset (READ_ONLY+), deleted or not. */
  public DeletionState status(Caller caller, String assetId) {
    return stateOf(readable(caller, assetId, Action.ASSETS_READ).asset());
  }

  private DeletionState stateOf(Asset asset) {
    Instant deletedAt = asset.status() == AssetStatus.DELETED ? asset.deletedAt() : null;
    return DeletionState.of(links.all(asset.assetId()), deletedAt);
  }

  private record Found(Asset asset, Role role) {}

  /** The asset, if the caller may do {@code action} with it: one asset read, one membership read. */
  private Found readable(Caller caller, String assetId, Action action) {
    Asset asset = Ids.looksValid(assetId) ? assets.find(assetId).orElse(null) : null;
    Role role = authorizer.requireOnAsset(caller, assetId, asset == null ? null : asset.groupId(), action);
    return new Found(asset, role);
  }
}
