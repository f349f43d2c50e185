package org.labvault.ops;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.labvault.ops.domain.NewNotice;
import org.labvault.ops.domain.Severity;
import org.labvault.shared.error.ValidationException;
import org.labvault.shared.time.Times;
import org.labvault.shared.validation.Text;

/** Body of {@code POST /ops/notifications}. */
record CreateNoticeRequest(
    String message, String severity, String startsAt, String endsAt, List<String> tenants) {

  static final int MAX_MESSAGE = 2000;
  static final int MAX_TENANTS = 50;
  private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  NewNotice toCommand() {
    return new NewNotice(
        Text.multiline("message", message, 1, MAX_MESSAGE),
        parseSeverity(),
        Optional.ofNullable(startsAt).map(s -> Times.parse("startsAt", s)),
        Times.parse("endsAt", endsAt),
        parseTenants());
  }

  private Severity parseSeverity() {
    if (severity == null) {
      throw ValidationException.field("severity", "is required");
    }
    try {
      return Severity.valueOf(severity.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ValidationException.field("severity", "must be one of INFO, WARNING, CRITICAL");
    }
  }

  private Set<String> parseTenants() {
    if (tenants == null) {
      return Set.of();
    }
    if (tenants.isEmpty() || tenants.size() > MAX_TENANTS) {
      throw ValidationException.field("tenants", "must list 1 to " + MAX_TENANTS + " tenants, or be left out");
    }
    for (int i = 0; i < tenants.size(); i++) {
      String t = tenants.get(i);
      if (t == null || !TENANT.matcher(t).matches()) {
        throw ValidationException.field("tenants[" + i + "]", "is not a tenant id");
      }
    }
    return Set.copyOf(tenants);
  }
}
