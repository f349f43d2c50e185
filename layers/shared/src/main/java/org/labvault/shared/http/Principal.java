package org.labvault.shared.http;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.labvault.shared.error.UnauthorizedException;

/**
 * The caller, as the HTTP API's JWT authorizer verified it. Built only from the authorizer's claims
 * in the event, never from a body, a path or a header.
 *
 * @param userId the {@code sub} claim; {@code app:<appId>} for applications holding app links
 * @param email the {@code email} claim, if any
 * @param tenant the {@code custom:tenant} claim (the customer organisation), if any
 * @param groups the {@code cognito:groups} claim
 */
public record Principal(String userId, String email, String tenant, Set<String> groups) {

  /** Platform operators: a Cognito group managed by the platform team, never by customers. */
  public static final String OPERATORS_GROUP = "operators";

  static final String SUB = "sub";
  static final String EMAIL = "email";
  static final String TENANT = "custom:tenant";
  static final String GROUPS = "cognito:groups";
  private static final String APP_PREFIX = "app:";

  public Principal {
    groups = Set.copyOf(groups);
  }

  public boolean isOperator() {
    return groups.contains(OPERATORS_GROUP);
  }

  public boolean isApplication() {
    return userId.startsWith(APP_PREFIX);
  }

  public Optional<String> tenantId() {
    return Optional.ofNullable(tenant);
  }

  /**
   * Reads the claims map of an API Gateway v2 event. API Gateway passes every claim as a string;
   * array claims arrive as {@code "[a b]"}.
   *
   * @throws UnauthorizedException when there are no claims or no subject
   */
  public static Principal fromClaims(Map<String, String> claims) {
    if (claims == null) {
      throw new UnauthorizedException("no verified identity on this request");
    }
    String sub = blankToNull(claims.get(SUB));
    if (sub == null) {
      throw new UnauthorizedException("the token has no subject");
    }
    return new Principal(
        sub,
        blankToNull(claims.get(EMAIL)),
        blankToNull(claims.get(TENANT)),
        parseList(claims.get(GROUPS)));
  }

  /** Parses {@code "[a b]"} (API Gateway), {@code ["a","b"]} (JSON) or {@code "a"}. */
  static Set<String> parseList(String raw) {
    if (raw == null || raw.isBlank()) {
      return Set.of();
    }
    String s = raw.trim();
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    return Arrays.stream(s.split("[\\s,]+"))
        .map(v -> v.replace("\"", "").trim())
        .filter(v -> !v.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
