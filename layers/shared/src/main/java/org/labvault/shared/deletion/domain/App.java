package org.labvault.shared.deletion.domain;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * An application registered by operators; it may hold app links and authenticates as
 * {@code app:<appId>}.
 */
public record App(String appId, String name, Instant createdAt, String createdBy) {

  /** What an app id looks like: lower-case letters, digits and dashes, 2..63 characters. */
  public static final Pattern ID = Pattern.compile("^[a-z0-9][a-z0-9-]{1,62}$");

  /** The principal prefix of applications: {@code sub = app:<appId>}. */
  public static final String PRINCIPAL_PREFIX = "app:";

  /** The app id a principal acts as, or null for anyone who is not an application. */
  public static String appIdOf(String userId) {
    if (userId == null || !userId.startsWith(PRINCIPAL_PREFIX)) {
      return null;
    }
    String appId = userId.substring(PRINCIPAL_PREFIX.length());
    return ID.matcher(appId).matches() ? appId : null;
  }
}
