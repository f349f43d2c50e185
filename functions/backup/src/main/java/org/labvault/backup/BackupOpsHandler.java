package org.labvault.backup;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import org.labvault.backup.port.BackupReports;
import org.labvault.shared.config.Config;
import org.labvault.shared.http.Router;
import org.labvault.shared.snapstart.SnapStartFunction;

/** The operators' backup routes: run the daily backup or its verification now, read the report, restore an asset. */
public final class BackupOpsHandler extends SnapStartFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  private final Router router;
  private final BackupReports reports;

  public BackupOpsHandler() {
    this(System.getenv());
  }

  public BackupOpsHandler(Map<String, String> environment) {
    this(DaggerBackupComponent.factory().create(Config.from(environment)));
  }

  BackupOpsHandler(BackupComponent c) {
    primedBy(c.priming());
    this.reports = c.reports();
    this.router = BackupOpsRoutes.router(c, reports);
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return router.handle(event, context);
  }

  @Override
  protected void primeRequest() {
    router.prime("GET /priming", Map.of(), null); // /ops routes are audited: the report is read directly
    reports.latest();
  }
}
