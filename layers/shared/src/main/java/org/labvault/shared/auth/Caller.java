package org.labvault.shared.auth;

import org.labvault.shared.http.ApiRequest;
import org.labvault.shared.http.Principal;

/**
 * Who asks, and under which request id: what every service needs to decide and to audit.
 *
 * @param principal the verified identity
 * @param requestId the API request id, echoed in X-Request-Id and in audit records
 */
public record Caller(Principal principal, String requestId) {
  /** The verified caller of an API request. */
  public static Caller of(ApiRequest request) {
    return new Caller(request.principal(), request.requestId());
  }

  public String userId() {
    return principal.userId();
  }
}
