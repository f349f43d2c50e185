package org.labvault.ops;

import org.labvault.shared.deletion.domain.App;
import org.labvault.shared.error.ValidationException;
import org.labvault.shared.validation.Text;

/** Body of {@code POST /ops/apps}. */
record RegisterAppRequest(String appId, String name) {

  static final int MAX_NAME = 100;

  /** A checked registration. */
  record Checked(String appId, String name) {}

  Checked checked() {
    if (appId == null || appId.isEmpty()) {
      throw ValidationException.field("appId", "is required");
    }
    if (!App.ID.matcher(appId).matches()) {
      throw ValidationException.field("appId", "must match ^[a-z0-9][a-z0-9-]{1,62}$");
    }
    return new Checked(appId, Text.line("name", name, 1, MAX_NAME));
  }
}
