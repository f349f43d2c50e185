package org.labvault.permissions;

import java.util.ArrayList;
import java.util.List;
import org.labvault.shared.auth.Action;
import org.labvault.shared.auth.Authorizer;
import org.labvault.shared.auth.ResourceRef;
import org.labvault.shared.error.ValidationException;

/** Body of {@code POST /permissions/check}: 1..100 checks. */
record CheckRequest(List<Item> checks) {

  static final int MAX_CHECKS = 100;

  record Item(String resource, String action) {}

  List<Authorizer.Check> toChecks() {
    if (checks == null || checks.isEmpty() || checks.size() > MAX_CHECKS) {
      throw ValidationException.field("checks", "must hold 1 to " + MAX_CHECKS + " checks");
    }
    List<Authorizer.Check> out = new ArrayList<>(checks.size());
    for (int i = 0; i < checks.size(); i++) {
      Item item = checks.get(i);
      String at = "checks[" + i + "]";
      if (item == null) {
        throw ValidationException.field(at, "is required");
      }
      ResourceRef resource = ResourceRef.parse(item.resource()).orElseThrow(() ->
          ValidationException.field(at + ".resource", "must be group:<id> or asset:<id>"));
      Action action = Action.fromWireName(item.action()).orElseThrow(() ->
          ValidationException.field(at + ".action", "is not an action (e.g. assets:read)"));
      out.add(new Authorizer.Check(resource, action));
    }
    return out;
  }
}
