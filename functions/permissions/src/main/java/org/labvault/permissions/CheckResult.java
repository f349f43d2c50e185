package org.labvault.permissions;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import org.labvault.shared.auth.Authorizer;
import org.labvault.shared.auth.Decision;
import org.labvault.shared.auth.Role;

/** One answer: {@code role} is null (and written as null) when the resource is invisible or unknown. */
@JsonInclude(JsonInclude.Include.ALWAYS)
record CheckResult(String resource, String action, boolean allowed, Role role) {
  static CheckResult of(Authorizer.Check check, Decision decision) {
    return new CheckResult(check.resource().toString(), check.action().wireName(), decision.allowed(), decision.role());
  }

  /** The answers in the order of the checks: {@code decisions} holds one per check. */
  static List<CheckResult> of(List<Authorizer.Check> checks, List<Decision> decisions) {
    List<CheckResult> results = new ArrayList<>(checks.size());
    for (int i = 0; i < checks.size(); i++) {
      results.add(of(checks.get(i), decisions.get(i)));
    }
    return results;
  }
}
