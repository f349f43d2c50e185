package org.labvault.deletion;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import org.labvault.deletion.DeletionRequests.CreateLink;
import org.labvault.deletion.DeletionViews.DeletedAssetView;
import org.labvault.deletion.DeletionViews.LinkView;
import org.labvault.shared.aws.AwsFailures;
import org.labvault.shared.aws.Priming;
import org.labvault.shared.config.Config;
import org.labvault.shared.http.ApiResponse;
import org.labvault.shared.http.Router;
import org.labvault.shared.snapstart.SnapStartFunction;

public final class DeletionHandler extends SnapStartFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  private final Router router;

  public DeletionHandler() {
    this(System.getenv());
  }

  public DeletionHandler(Map<String, String> environment) {
    this(DaggerDeletionComponent.factory().create(Config.from(environment)));
  }

  DeletionHandler(DeletionComponent c) {
    primedBy(c.priming());
    c.renotifyDelay(); // checked at INIT: every link deletion enters the due index with it
    AssetDeletionService deletions = c.deletions();
    AppLinkService links = c.links();
    this.router = Router.builder()
        .translatingFailures(AwsFailures::unavailable)
        .on("DELETE /assets/{assetId}", r -> ApiResponse.accepted(DeletedAssetView.of(
            deletions.delete(r.caller(), r.path("assetId")))))
        .on("GET /assets/{assetId}/deletion", r -> ApiResponse.ok(deletions.status(r.caller(), r.path("assetId"))))
        .on("POST /assets/{assetId}/app-links", r -> ApiResponse.created(LinkView.of(
            links.create(r.caller(), r.path("assetId"), r.body(CreateLink.class).checked()))))
        .on("GET /assets/{assetId}/app-links", r -> ApiResponse.ok(
            links.list(r.caller(), r.path("assetId"), r.page()).map(LinkView::of)))
        .on("DELETE /app-links/{linkId}", r -> ApiResponse.accepted(links.delete(r.caller(), r.path("linkId"))))
        .on("POST /app-links/{linkId}/confirm-deletion", r -> {
          links.confirm(r.caller(), r.path("linkId"));
          return ApiResponse.noContent();
        })
        .build();
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return router.handle(event, context);
  }

  @Override
  protected void primeRequest() {
    router.prime("GET /assets/{assetId}/deletion", Map.of("assetId", Priming.NO_SUCH_ID), null);
  }
}
