package org.labvault.shared.auth;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.labvault.shared.error.UnauthorizedException;
import org.labvault.shared.error.ValidationException;
import org.labvault.shared.id.Ids;

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
  /** The user id of an instrument, as its certificate identifies it: never a token's subject. */
  public static final String INSTRUMENT_PREFIX = "instrument:";
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  static final String SCOPE = "scope";

  /**
   * The scope only the canary's app client is allowed (template: CanaryAppClient). Cognito puts a
   * resource server's scope only into client-credentials tokens of clients allowed it; user sign-ins
   * carry none, and the HTTP API's authorizer verifies the token before any claim is read here.
   */
  public static final String CANARY_SCOPE = "labvault/canary";
  /** Who the canary is: the creator, hence ADMIN, of the groups it makes and nothing else. */
  public static final String CANARY_USER_ID = "app:canary";
  /** The canary's own tenant: no customer belongs to it. */
  public static final String CANARY_TENANT = "labvault-canary";

  public Principal {
    groups = Set.copyOf(groups);
  }

  public boolean isOperator() {
    return groups.contains(OPERATORS_GROUP);
  }

  public boolean isApplication() {
    return userId.startsWith(APP_PREFIX);
  }

  /**
   * An instrument as the principal of what it asks for: built only from what the broker verified
   * (the topic and client id its certificate's policy allows), never from a token or a payload.
   */
  public static Principal instrument(String instrumentId) {
    return new Principal(INSTRUMENT_PREFIX + instrumentId, null, null, Set.of());
  }

  public Optional<String> tenantId() {
    return Optional.ofNullable(tenant);
  }

  /**
   * Reads the claims map of an API Gateway v2 event. API Gateway passes every claim as a string;
   * array claims arrive as {@code "[a b]"}.
   *
   * @throws UnauthorizedException when there are no claims or no subject
   * @throws ValidationException when the subject is longer than any id may be
   */
  public static Principal fromClaims(Map<String, String> claims) {
    if (claims == null) {
      throw new UnauthorizedException("no verified identity on this request");
    }
    String sub = blankToNull(claims.get(SUB));
    if (sub == null) {
      throw new UnauthorizedException("the token has no subject");
    }
    if (sub.startsWith(INSTRUMENT_PREFIX)) {
      // instruments are identified by their certificates; a token must never pose as one
      throw new UnauthorizedException("the token's subject is reserved for instruments");
    }
    if (parseScopes(claims.get(SCOPE)).contains(CANARY_SCOPE)) {
      // the one place the canary's identity is made: a fixed subject and tenant, never an operator
      return new Principal(CANARY_USER_ID, null, CANARY_TENANT, Set.of());
    }
    if (sub.equals(CANARY_USER_ID)) {
      // only the canary's scope makes the canary; a token that merely names it must not pose as it
      throw new UnauthorizedException("the token's subject is reserved for the canary");
    }
    if (sub.length() > Ids.MAX_LENGTH) {
      // a verified token, but its subject could not name a key: a 400 before any read
      throw ValidationException.field(SUB, "must be at most " + Ids.MAX_LENGTH + " characters");
    }
    return new Principal(
        sub,
        blankToNull(claims.get(EMAIL)),
        blankToNull(claims.get(TENANT)),
        parseList(claims.get(GROUPS)));
  }

  /**
   * Reads the {@code cognito:groups} claim in the one form the HTTP API passes array claims:
   * {@code "[g1 g2]"}, the names separated by whitespace (Cognito group names hold none). Names are
   * taken whole: a comma or a quote is part of the name, so {@code "[x,operators]"} (the JWT array
   * {@code ["x,operators"]}) and {@code "[\"operators\"]"} (the JWT array {@code ["\"operators\""]})
   * grant nothing. Any other shape (a bare name, a comma list) is not a list API Gateway made, and
   * grants nothing either.
   */
  static Set<String> parseList(String raw) {
    if (raw == null || !raw.startsWith("[") || !raw.endsWith("]")) { // "[" alone ends with no "]"
      return Set.of();
    }
    String inner = raw.substring(1, raw.length() - 1).strip();
    if (inner.isEmpty()) {
      return Set.of();
    }
    return Set.copyOf(List.of(WHITESPACE.split(inner))); // a name given twice is one name
  }

  /** OAuth's {@code scope} claim: names separated by spaces (a JWT array arrives as {@code "[a b]"}). */
  static Set<String> parseScopes(String raw) {
    if (raw == null || raw.isBlank()) {
      return Set.of();
    }
    String names = raw.strip();
    if (names.startsWith("[") && names.endsWith("]")) {
      names = names.substring(1, names.length() - 1).strip();
    }
    return names.isEmpty() ? Set.of() : Set.copyOf(List.of(WHITESPACE.split(names)));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
