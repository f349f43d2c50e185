package org.labvault.assets;

import com.fasterxml.jackson.databind.JsonNode;
import org.labvault.assets.AssetRequests.Complete;
import org.labvault.assets.AssetRequests.CreateAsset;
import org.labvault.assets.AssetRequests.UpdateAsset;
import org.labvault.assets.AssetViews.CreatedView;
import org.labvault.assets.AssetViews.DownloadView;
import org.labvault.shared.asset.AssetView;
import org.labvault.shared.aws.AwsFailures;
import org.labvault.shared.http.ApiResponse;
import org.labvault.shared.http.Router;

/**
 * The asset routes: each route key reads its request (AssetRequests), calls the service and shapes
 * the answer (AssetViews).
 */
final class AssetRoutes {

  private AssetRoutes() {}

  static Router router(AssetsComponent c) {
    AssetService assets = c.assets();
    return Router.builder()
        .translatingFailures(AwsFailures::unavailable)
        .on("POST /groups/{groupId}/assets", r -> ApiResponse.created(CreatedView.of(
            assets.create(r.caller(), r.path("groupId"), r.body(CreateAsset.class).checked()))))
        .on("GET /groups/{groupId}/assets", r -> ApiResponse.ok(assets.list(r.caller(), r.path("groupId"),
            AssetRequests.status(r.query("status").orElse(null)), r.page()).map(AssetView::of)))
        .on("GET /assets/{assetId}", r -> ApiResponse.ok(AssetView.of(assets.get(r.caller(), r.path("assetId")))))
        .on("PATCH /assets/{assetId}", r -> {
          var patch = UpdateAsset.from(r.body(JsonNode.class));
          return ApiResponse.ok(AssetView.of(assets.update(r.caller(), r.path("assetId"), patch.name(), patch.classification())));
        })
        .on("GET /assets/{assetId}/download", r -> {
          var url = assets.download(r.caller(), r.path("assetId"));
          return ApiResponse.ok(new DownloadView(url.url(), AssetViews.seconds(url.expiresAt())));
        })
        .on("POST /assets/{assetId}/complete", r -> ApiResponse.ok(AssetView.of(
            assets.complete(r.caller(), r.path("assetId"), r.body(Complete.class)))))
        .build();
  }
}
