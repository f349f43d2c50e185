package org.labvault.assets;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.labvault.assets.AssetRequests.Complete;
import org.labvault.assets.AssetRequests.CreateAsset;
import org.labvault.assets.AssetRequests.UpdateAsset;
import org.labvault.assets.AssetViews.CreatedView;
import org.labvault.assets.AssetViews.DownloadView;
import org.labvault.shared.asset.AssetView;
import org.labvault.shared.aws.AwsFailures;
import org.labvault.shared.aws.Priming;
import org.labvault.shared.config.Config;
import org.labvault.shared.http.ApiResponse;
import org.labvault.shared.http.Router;
import org.labvault.shared.snapstart.SnapStartFunction;

public final class AssetsHandler extends SnapStartFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  private final Router router;

  public AssetsHandler() {
    this(System.getenv());
  }

  public AssetsHandler(Map<String, String> environment) {
    this(DaggerAssetsComponent.factory().create(Config.from(environment)));
  }

  AssetsHandler(AssetsComponent c) {
    primedBy(c.priming());
    AssetService assets = c.assets();
    this.router = Router.builder()
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

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return router.handle(event, context);
  }

  @Override
  protected void primeRequest() {
    router.prime("GET /assets/{assetId}", Map.of("assetId", Priming.NO_SUCH_ID), null);
  }
}
