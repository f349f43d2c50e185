package org.labvault.shared.asset.port;

import java.util.Optional;
import org.labvault.shared.asset.domain.Asset;
import org.labvault.shared.asset.domain.AssetStatus;
import org.labvault.shared.asset.domain.Classification;
import org.labvault.shared.http.Page;
import org.labvault.shared.http.PageRequest;

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

  /** The asset, read strongly consistently. */
  Optional<Asset> find(String assetId);

  /**
   * A page of a group's assets, newest first: those with {@code status}, or every one not DELETED
   * when {@code status} is null.
   */
  Page<Asset> list(String groupId, AssetStatus status, PageRequest page);

  /**
   * Renames or reclassifies a non-deleted asset; a null argument keeps the current value.
   *
   * @return the asset after the change, or empty when it is gone or deleted
   */
  Optional<Asset> update(String assetId, String name, Classification classification);

  /**
   * PENDING_UPLOAD -> AVAILABLE with the verified object version.
   *
   * @return false when the asset was not pending (already decided: a duplicate event)
   */
  boolean markAvailable(String assetId, String versionId);

  /**
   * PENDING_UPLOAD -> REJECTED, with the reason.
   *
   * @return false when the asset was not pending
   */
  boolean markRejected(String assetId, String reason);
}
