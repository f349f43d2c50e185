package org.labvault.deletion;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.inject.Inject;
import org.labvault.deletion.DeletionRequests.NewLink;
import org.labvault.shared.asset.domain.Asset;
import org.labvault.shared.asset.domain.AssetStatus;
import org.labvault.shared.asset.domain.Classification;
import org.labvault.shared.asset.port.AssetRepository;
import org.labvault.shared.audit.AuditAction;
import org.labvault.shared.audit.AuditResource;
import org.labvault.shared.auth.Action;
import org.labvault.shared.auth.Authorizer;
import org.labvault.shared.auth.Caller;
import org.labvault.shared.auth.Role;
import org.labvault.shared.deletion.domain.App;
import org.labvault.shared.deletion.domain.AppLink;
import org.labvault.shared.deletion.domain.DeletionConflicts;
import org.labvault.shared.deletion.domain.DeletionReason;
import org.labvault.shared.deletion.domain.LinkDeletionView;
import org.labvault.shared.deletion.domain.NoticeStatus;
import org.labvault.shared.deletion.port.AppRepository;
import org.labvault.shared.deletion.port.LinkRepository;
import org.labvault.shared.error.NotFoundException;
import org.labvault.shared.id.Ids;
import org.labvault.shared.paging.Page;
import org.labvault.shared.paging.PageRequest;

/**
 * App links: members link AVAILABLE, non-SECRET assets to registered apps and delete the links;
 * the app confirms that it deleted its copy. Links belong to the asset's group: whoever cannot
 * see the group gets 404, as for the asset.
 */
public final class AppLinkService {

  static final AuditAction CREATE = AuditAction.APP_LINKS_CREATE;
  static final AuditAction DELETE = AuditAction.APP_LINKS_DELETE;
  static final AuditAction CONFIRM = AuditAction.APP_LINKS_CONFIRM_DELETION;

  private final AssetRepository assets;
  private final AppRepository apps;
  private final LinkRepository links;
  private final Authorizer authorizer;
  private final Clock clock;

  @Inject
  AppLinkService(AssetRepository assets, AppRepository apps, LinkRepository links, Authorizer authorizer, Clock clock) {
    this.assets = assets;
    this.apps = apps;
    this.links = links;
    this.authorizer = authorizer;
    this.clock = clock;
  }

  /** Links an asset to a registered app (EDIT+); the transaction re-checks the asset and the app. */
  public AppLink create(Caller caller, String assetId, NewLink request) {
    Asset asset = Ids.looksValid(assetId) ? assets.find(assetId).orElse(null) : null;
    Role role = authorizer.requireOnAsset(caller, assetId, asset == null ? null : asset.groupId(), Action.ASSETS_WRITE);
    if (apps.find(request.appId()).isEmpty()) {
      throw DeletionConflicts.unregisteredApp(request.appId());
    }
    AuditResource resource = AuditResource.asset(assetId);
    if (asset.classification() == Classification.SECRET) {
      throw authorizer.deny(caller, CREATE, resource, role, DeletionConflicts.secret());
    }
    if (asset.status() != AssetStatus.AVAILABLE) {
      throw authorizer.deny(caller, CREATE, resource, role, DeletionConflicts.notAvailable(asset.status().name()));
    }
    AppLink link = AppLink.live(Ids.newId(clock), assetId, asset.groupId(), asset.tenant(), request.appId(),
        request.externalRef(), now(), caller.userId());
    return authorizer.audited(caller, CREATE, resource, role, () -> {
      links.create(link);
      return link;
    });
  }

  /** A page of the asset's live links (READ_ONLY+). */
  public Page<AppLink> list(Caller caller, String assetId, PageRequest page) {
    Asset asset = Ids.looksValid(assetId) ? assets.find(assetId).orElse(null) : null;
    authorizer.requireOnAsset(caller, assetId, asset == null ? null : asset.groupId(), Action.ASSETS_READ);
    return links.live(assetId, page);
  }

  /**
   * Deletes a link (EDIT_DELETE+ in its group): its app will be told. Deleting it again changes
   * nothing; either way the answer is the link's deletion entry.
   */
  public LinkDeletionView delete(Caller caller, String linkId) {
    AppLink link = Ids.looksValid(linkId) ? links.find(linkId).orElse(null) : null;
    Role role = authorizer.requireOnHeld(caller, linkId, AuditResource.link(linkId), link == null ? null : link.groupId(),
        Action.ASSETS_DELETE, noSuchLink());
    if (link.isLive()) {
      if (links.delete(link, DeletionReason.LINK_DELETED, now(), caller.userId())) { // false: a concurrent DELETE won, and is audited
        authorizer.allowed(caller, DELETE, AuditResource.link(linkId), role);
      }
    }
    return LinkDeletionView.of(links.find(linkId).orElseThrow(AppLinkService::noSuchLink));
  }

  /**
   * The app's confirmation that it deleted its copy: only {@code app:<appId>} of the link, and only
   * once it is deleted; anyone else learns nothing (404). Confirming again changes nothing.
   */
  public void confirm(Caller caller, String linkId) {
    String appId = App.appIdOf(caller.userId());
    AppLink link = appId != null && Ids.looksValid(linkId) ? links.find(linkId).orElse(null) : null;
    AuditResource resource = AuditResource.link(linkId);
    if (link == null || !link.appId().equals(appId) || link.isLive()) {
      throw authorizer.deny(caller, CONFIRM, resource, null, noSuchLink());
    }
    if (link.deletion().notice() != NoticeStatus.CONFIRMED) {
      if (links.confirm(linkId, now())) {
        authorizer.allowed(caller, CONFIRM, resource, null);
      }
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }

  /** The same answer for "no such link" and "not yours to see". */
  static NotFoundException noSuchLink() {
    return new NotFoundException("no such app link");
  }
}
