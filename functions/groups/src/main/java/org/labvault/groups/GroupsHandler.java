package org.labvault.groups;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import org.labvault.shared.aws.Priming;
import org.labvault.shared.config.Config;
import org.labvault.shared.http.Router;
import org.labvault.shared.snapstart.SnapStartFunction;

public final class GroupsHandler extends SnapStartFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  private final Router router;

  public GroupsHandler() {
    this(System.getenv());
  }

  public GroupsHandler(Map<String, String> environment) {
    this(DaggerGroupsComponent.factory().create(Config.from(environment)));
  }

  GroupsHandler(GroupsComponent c) {
    primedBy(c.priming());
    this.router = GroupRoutes.router(c);
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return router.handle(event, context);
  }

  @Override
  protected void primeRequest() {
    router.prime("GET /groups/{groupId}", Map.of("groupId", Priming.NO_SUCH_ID), null);
  }
}
