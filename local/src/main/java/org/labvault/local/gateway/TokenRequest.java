package org.labvault.local.gateway;

import java.util.List;
import java.util.regex.Pattern;
import org.labvault.local.identity.TokenIssuer;
import org.labvault.shared.error.ValidationException;

/** Body of {@code POST /local/tokens}. */
record TokenRequest(String sub, String email, String tenant, List<String> groups, Long ttlSeconds) {

  private static final Pattern SUBJECT = Pattern.compile("[^\\s\\p{Cntrl}]{1,256}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");
  /** Cognito's rule for group names: letters, marks, symbols, digits, punctuation; no whitespace. */
  private static final Pattern GROUP = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]{1,128}");
  private static final Pattern EMAIL = Pattern.compile("[^\\s@\\p{Cntrl}]{1,64}@[^\\s@\\p{Cntrl}]{1,189}");
  private static final int MAX_GROUPS = 20;

  String checkedSub() {
    if (sub == null || !SUBJECT.matcher(sub).matches()) {
      throw ValidationException.field("sub", "is required: 1 to 256 characters without spaces");
    }
    return sub;
  }

  String checkedEmail() {
    if (email != null && !EMAIL.matcher(email).matches()) {
      throw ValidationException.field("email", "is not an email address");
    }
    return email;
  }

  String checkedTenant() {
    if (tenant == null) {
      return TokenIssuer.DEFAULT_TENANT;
    }
    if (!NAME.matcher(tenant).matches()) {
      throw ValidationException.field("tenant", "must be 1 to 128 letters, digits or ._:@-");
    }
    return tenant;
  }

  List<String> checkedGroups() {
    if (groups == null) {
      return List.of();
    }
    if (groups.size() > MAX_GROUPS) {
      throw ValidationException.field("groups", "must list at most " + MAX_GROUPS + " groups");
    }
    for (int i = 0; i < groups.size(); i++) {
      if (groups.get(i) == null || !GROUP.matcher(groups.get(i)).matches()) {
        throw ValidationException.field("groups[" + i + "]", "must be 1 to 128 characters without whitespace, as Cognito group names");
      }
    }
    return List.copyOf(groups);
  }

  long checkedTtl() {
    if (ttlSeconds == null) {
      return TokenIssuer.DEFAULT_TTL_SECONDS;
    }
    if (ttlSeconds < 1 || ttlSeconds > TokenIssuer.MAX_TTL_SECONDS) {
      throw ValidationException.field("ttlSeconds", "must be from 1 to " + TokenIssuer.MAX_TTL_SECONDS);
    }
    return ttlSeconds;
  }
}
