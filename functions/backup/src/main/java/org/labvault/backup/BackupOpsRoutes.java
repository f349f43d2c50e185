package org.labvault.backup;

import org.labvault.backup.port.BackupReports;
import org.labvault.shared.asset.AssetView;
import org.labvault.shared.aws.AwsFailures;
import org.labvault.shared.error.NotFoundException;
import org.labvault.shared.http.ApiResponse;
import org.labvault.shared.http.Router;

/** The operators' backup routes; the router audits every use of them. */
final class BackupOpsRoutes {

  private BackupOpsRoutes() {}

  static Router router(BackupComponent c, BackupReports reports) {
    DailyBackup daily = c.daily();
    BackupVerification verification = c.verification();
    AssetRestore restore = c.restore();
    return Router.builder()
        .translatingFailures(AwsFailures::unavailable)
        .authorizing(c.authorizer())
        .on("POST /ops/backups/run", r -> ApiResponse.ok(daily.run(r.principal().userId(), r.requestId())))
        .on("POST /ops/backups/verify", r -> ApiResponse.ok(verification.verify(r.principal().userId(), r.requestId())))
        .on("GET /ops/backups/reports/latest", r -> ApiResponse.ok(reports.latest()
            .orElseThrow(() -> new NotFoundException("no backup verification has run yet"))))
        .on("POST /ops/assets/{assetId}/restore",
            r -> ApiResponse.ok(AssetView.of(restore.restore(r.caller(), r.path("assetId")))))
        .build();
  }
}
