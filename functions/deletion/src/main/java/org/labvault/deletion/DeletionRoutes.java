package org.labvault.deletion;

import org.labvault.deletion.DeletionRequests.CreateLink;
import org.labvault.deletion.DeletionViews.DeletedAssetView;
import org.labvault.deletion.DeletionViews.LinkView;
import org.labvault.shared.aws.AwsFailures;
import org.labvault.shared.http.ApiResponse;
import org.labvault.shared.http.Router;

/**
 * The routes of asset deletion and app links: each route key reads its request, calls one service and
 * shapes the answer.
 */
final class DeletionRoutes {

  private DeletionRoutes() {}

  static Router router(DeletionComponent c) {
    AssetDeletionService deletions = c.deletions();
    AppLinkService links = c.links();
    return Router.builder()
        .translatingFailures(AwsFailures::unavailable)
        .on("DELETE /assets/{assetId}", r -> ApiResponse.accepted(DeletedAssetView.of(
            deletions.delete(r.caller(), r.path("assetId")))))
        .on("GET /assets/{assetId}/deletion", r -> ApiResponse.ok(deletions.status(r.caller(), r.path("assetId"))))
        .on("POST /assets/{assetId}/app-links", r -> ApiResponse.created(LinkView.of(
            links.create(r.caller(), r.path("assetId"), r.body(CreateLink.class).checked()))))
        .on("GET /assets/{assetId}/app-links", r -> ApiResponse.ok(
            links.list(r.caller(), r.path("assetId"), r.page()).map(LinkView::of)))
        .on("DELETE /app-links/{linkId}", r -> ApiResponse.accepted(links.delete(r.caller(), r.path("linkId"))))
        .onNoContent("POST /app-links/{linkId}/confirm-deletion", r -> links.confirm(r.caller(), r.path("linkId")))
        .build();
  }
}
