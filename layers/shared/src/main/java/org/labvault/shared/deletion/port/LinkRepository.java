package org.labvault.shared.deletion.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.labvault.shared.deletion.domain.AppLink;
import org.labvault.shared.deletion.domain.DeletionReason;
import org.labvault.shared.paging.Page;
import org.labvault.shared.paging.PageRequest;

/**
 * App links. Every change is one conditional write or transaction, and each keeps the asset's
 * count of live links ({@code liveLinks}) exact, so that "reclassify to SECRET" can be a
 * conditional write on it.
 */
public interface LinkRepository {

  /**
   * Stores a new live link in one transaction that also re-checks the asset (AVAILABLE, not SECRET;
   * its live-link count goes up by one) and that the app is registered.
   *
   * @throws org.labvault.shared.error.ConflictException CLASSIFICATION for a SECRET asset,
   *     NOT_AVAILABLE for an asset that is not AVAILABLE (or is gone)
   * @throws org.labvault.shared.error.ValidationException naming appId when the app is not registered
   */
  void create(AppLink link);

  /** The link, read strongly consistently. */
  Optional<AppLink> find(String linkId);

  /** A page of the asset's live links, oldest first. */
  Page<AppLink> live(String assetId, PageRequest page);

  /** Every link of the asset, live and deleted, oldest first. */
  List<AppLink> all(String assetId);

  /**
   * LIVE -> DELETED (notice NOTIFIED, attempt 1 to be published, none published yet) and the
   * asset's live-link count down by one, in one transaction. Used for {@code DELETE /app-links}
   * (LINK_DELETED) and by the expansion of an asset's deletion (ASSET_DELETED, with the asset's
   * deletedAt and deletedBy); the table's stream turns the change into the app's notice.
   *
   * @return false when the link was no longer live (deleted before: nothing changed)
   */
  boolean delete(AppLink link, DeletionReason reason, Instant deletedAt, String deletedBy);

  /**
   * The app's confirmation of a deleted link: CONFIRMED, off the index of waiting notices.
   *
   * @return false when it was confirmed before (nothing changed) or is not deleted
   */
  boolean confirm(String linkId, Instant confirmedAt);

  /** A page of the links whose notices went unconfirmed after every attempt, longest overdue first. */
  Page<AppLink> overdue(PageRequest page);
}
