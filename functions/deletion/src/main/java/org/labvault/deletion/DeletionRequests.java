package org.labvault.deletion;

import org.labvault.shared.deletion.domain.App;
import org.labvault.shared.error.ValidationException;
import org.labvault.shared.validation.Text;

/** The bodies the Deletion routes accept, checked field by field. */
final class DeletionRequests {

  static final int MAX_EXTERNAL_REF = 1024;

  private DeletionRequests() {}

  /** {@code POST /assets/{assetId}/app-links}. */
  record CreateLink(String appId, String externalRef) {
    NewLink checked() {
      if (appId == null || appId.isEmpty()) {
        throw ValidationException.field("appId", "is required");
      }
      if (!App.ID.matcher(appId).matches()) {
        throw ValidationException.field("appId", "must be 2 to 63 lower-case letters, digits or dashes, not starting with a dash");
      }
      return new NewLink(appId, Text.line("externalRef", externalRef, 1, MAX_EXTERNAL_REF));
    }
  }

  /** A checked link request. */
  record NewLink(String appId, String externalRef) {}
}
