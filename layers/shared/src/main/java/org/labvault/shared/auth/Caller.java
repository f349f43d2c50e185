package org.labvault.shared.auth;

/**
 * Who asks, and under which request id: what every service needs to decide and to audit.
 *
 * @param principal the verified identity
 * @param requestId the API request id, echoed in X-Request-Id and in audit records
 */
public record Caller(Principal principal, String requestId) {
  public String userId() {
    return principal.userId();
  }
}
