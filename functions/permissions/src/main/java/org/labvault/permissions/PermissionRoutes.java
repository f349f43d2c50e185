package org.labvault.permissions;

import java.util.Map;
import org.labvault.shared.auth.Authorizer;
import org.labvault.shared.aws.AwsFailures;
import org.labvault.shared.http.ApiResponse;
import org.labvault.shared.http.Router;

/** The permission check route: the checks of the body, decided at once, answered in their order. */
final class PermissionRoutes {

  private PermissionRoutes() {}

  static Router router(PermissionsComponent c) {
    Authorizer authorizer = c.authorizer();
    return Router.builder()
        .translatingFailures(AwsFailures::unavailable)
        .on("POST /permissions/check", r -> {
          var checks = r.body(CheckRequest.class).toChecks();
          var decisions = authorizer.decideAll(r.principal(), checks);
          return ApiResponse.ok(Map.of("results", CheckResult.of(checks, decisions)));
        })
        .build();
  }
}
