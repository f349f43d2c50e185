package org.labvault.shared.asset.port;

import java.time.Instant;
import java.util.Optional;
import org.labvault.shared.asset.domain.Asset;
import org.labvault.shared.asset.domain.AssetStatus;
import org.labvault.shared.asset.domain.Classification;
import org.labvault.shared.asset.domain.RequestClaim;
import org.labvault.shared.paging.Page;
import org.labvault.shared.paging.PageRequest;

/** Asset metadata. Every change is conditional: a lost race is an answer, never a silent overwrite. */
public interface AssetRepository {

  /** The tenant of an active group (it goes into object keys), or empty when there is no such group. */
  Optional<String> tenantOfActiveGroup(String groupId);

  /**
   * Stores a new asset and counts it in its group, in one transaction that also re-checks that the
   * group is active and that the creator may still write to it.
   *
   * @throws org.labvault.shared.error.NotFoundException when the group is gone or being deleted
   * @throws org.labvault.shared.error.ForbiddenException when the creator lost the right meanwhile
   */
  void create(Asset asset);

  /**
   * As {@link #create(Asset)} for an instrument's request: in the same transaction it claims the
   * request for this asset and re-checks that the instrument is ACTIVE.
   *
   * @throws org.labvault.shared.error.ConflictException {@code DUPLICATE_REQUEST} when the
   *     request was claimed before, {@code INSTRUMENT_REVOKED} when the instrument was revoked:
   *     nothing was stored
   * @throws org.labvault.shared.error.NotFoundException when the group is gone or no longer grants
   *     the instrument
   */
  void create(Asset asset, RequestClaim claim);

  /** The asset an instrument's request made, if it made one. */
  Optional<String> claimedAsset(RequestClaim claim);

  /** The asset, read strongly consistently. */
  Optional<Asset> find(String assetId);

  /**
   * A page of a group's assets, newest first: those with {@code status}, or every one not DELETED
   * when {@code status} is null.
   */
  Page<Asset> list(String groupId, AssetStatus status, PageRequest page);

  /**
   * Renames or reclassifies a non-deleted asset; a null argument keeps the current value. Making
   * it SECRET is conditional on the asset having no live app links.
   *
   * @return the asset after the change, or empty when it is gone or deleted
   * @throws org.labvault.shared.error.ConflictException CLASSIFICATION when it would become SECRET
   *     while apps hold live links to it
   */
  Optional<Asset> update(String assetId, String name, Classification classification);

  /**
   * Marks an asset DELETED (from any other status), in one transaction with its group's asset count
   * going down by one; it moves to the group's list of deleted assets.
   *
   * @return false when it was DELETED already (or is gone): nothing changed
   */
  boolean delete(Asset asset, java.time.Instant deletedAt, String deletedBy);

  /**
   * PENDING_UPLOAD -> AVAILABLE with the verified object version, and when (backups measure their
   * recovery point from it).
   *
   * @return false when the asset was not pending (already decided: a duplicate event)
   */
  boolean markAvailable(String assetId, String versionId, Instant availableAt);

  /**
   * Whether an operator's restore of this DELETED asset is copying its object back right now (see
   * {@link org.labvault.shared.asset.domain.RestoreWindow}), read strongly consistently.
   */
  boolean restoreUnderWay(String assetId, Instant now);

  /**
   * PENDING_UPLOAD -> REJECTED, with the reason.
   *
   * @return false when the asset was not pending
   */
  boolean markRejected(String assetId, String reason);
}
