package org.labvault.local.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Validates a bearer token the way API Gateway's HTTP API JWT authorizer does: the token (with or
 * without "Bearer ") from the identity source; an RSA signature by a key of the issuer's JWKS named
 * by {@code kid}; {@code iss}; {@code aud} (or {@code client_id} when there is no {@code aud});
 * {@code exp}, {@code nbf} and {@code iat} against now; the route's scopes. On success it returns
 * the claims as API Gateway passes them to the function: every value a string, arrays as
 * {@code "[a b]"}.
 *
 * <p>A token whose signature and claims passed is remembered, by its exact text, with the key that
 * verified it: a warm client sends the same token on every call, and the RSA check is most of what
 * the authorizer costs. A remembered token skips only parsing and the signature; its claims (issuer,
 * audience, expiry, not-before, issued-at, the route's scopes) are checked against the clock on every
 * call, so it stops working at its {@code exp} like any other. A token that failed is never
 * remembered: a forged signature over the claims of a remembered token is a different text, so it is
 * verified, and refused. At most {@link #CACHED_TOKENS} tokens are kept, the least recently used
 * going first.
 */
public final class JwtAuthorizer {

  private static final Set<JWSAlgorithm> RSA = Set.of(
      JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
      JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512);

  /** Longer bearer tokens are refused unread; Cognito's are a few KB, API Gateway's headers at most 10 KB. */
  public static final int MAX_TOKEN_CHARS = 8 * 1024;

  private static final String EXPIRED = "the token has expired";
  private static final Pattern ALGORITHM_NAME = Pattern.compile("[A-Za-z0-9+_.-]{1,32}");

  private final String issuer;
  private final Set<String> audiences;
  private final JWKSet keys;
  private final Clock clock;
  /** Verified tokens by their exact text, least recently used first; guarded by itself. */
  private final LinkedHashMap<String, Verified> verified = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Verified> eldest) {
      return size() > CACHED_TOKENS;
    }
  };

  /** Enough for every client of a local stack; at most 8 KB each, so a few MB at worst. */
  public static final int CACHED_TOKENS = 512;

  /** A token whose signature {@code key} verified, and its parsed claims. */
  private record Verified(RSAKey key, JWTClaimsSet claims, Map<String, String> strings) {}

  public JwtAuthorizer(String issuer, Collection<String> audiences, JWKSet keys, Clock clock) {
    this.issuer = issuer;
    this.audiences = Set.copyOf(audiences);
    this.keys = keys;
    this.clock = clock;
  }

  /** A refused token; the reason goes into the 401 answer. */
  public static final class Rejected extends Exception {
    public Rejected(String reason) {
      super(reason, null, false, false);
    }
  }

  /**
   * @param identity the identity source's value (the Authorization header), possibly null
   * @param routeScopes scopes the route requires (one of them must be in the token), may be empty
   * @return the claims for {@code requestContext.authorizer.jwt.claims}
   */
  public Map<String, String> authorize(String identity, List<String> routeScopes) throws Rejected {
    if (identity == null || identity.isBlank()) {
      throw new Rejected("missing bearer token");
    }
    String token = identity.trim();
    if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
      token = token.substring(7).trim();
    }
    if (token.length() > MAX_TOKEN_CHARS) {
      throw new Rejected("the token is too long");
    }
    Verified known;
    synchronized (verified) {
      known = verified.get(token);
    }
    if (known != null && keys.getKeyByKeyId(known.key().getKeyID()) == known.key()) {
      try {
        checkClaims(known.claims(), routeScopes);
      } catch (Rejected expired) {
        if (expired.getMessage().equals(EXPIRED)) {
          forget(token);
        }
        throw expired;
      }
      return known.strings();
    }
    JWT jwt;
    try {
      jwt = JWTParser.parse(token);
    } catch (ParseException | RuntimeException e) {
      // whatever a hand-made token holds, it is a 401, never a failure of the gateway
      throw new Rejected("malformed token");
    }
    if (!(jwt instanceof SignedJWT signed)) {
      throw new Rejected("unsigned tokens are refused");
    }
    JWSAlgorithm alg = signed.getHeader().getAlgorithm();
    if (!RSA.contains(alg)) {
      throw new Rejected("signing algorithm " + printable(alg.getName()) + " is refused; only RSA is accepted");
    }
    String kid = signed.getHeader().getKeyID();
    JWK jwk = kid == null ? null : keys.getKeyByKeyId(kid);
    if (!(jwk instanceof RSAKey rsa)) {
      throw new Rejected("the token is signed by an unknown key");
    }
    try {
      if (!signed.verify(new RSASSAVerifier(rsa))) {
        throw new Rejected("invalid signature");
      }
    } catch (JOSEException | RuntimeException e) {
      throw new Rejected("invalid signature");
    }
    JWTClaimsSet claims;
    try {
      claims = signed.getJWTClaimsSet();
    } catch (ParseException | RuntimeException e) {
      throw new Rejected("malformed claims");
    }
    checkClaims(claims, routeScopes);
    Map<String, String> strings = Collections.unmodifiableMap(stringify(claims.getClaims()));
    synchronized (verified) {
      verified.put(token, new Verified(rsa, claims, strings));
    }
    return strings;
  }

  private void forget(String token) {
    synchronized (verified) {
      verified.remove(token);
    }
  }

  /** How many verified tokens are remembered now. */
  int cachedTokens() {
    synchronized (verified) {
      return verified.size();
    }
  }

  /** The token's own text, in a reason, only when it is a short plain name (it ends up in a header). */
  private static String printable(String name) {
    return ALGORITHM_NAME.matcher(name).matches() ? name : "(unreadable)";
  }

  private void checkClaims(JWTClaimsSet claims, List<String> routeScopes) throws Rejected {
    if (!issuer.equals(claims.getIssuer())) {
      throw new Rejected("wrong issuer");
    }
    List<String> aud = claims.getAudience();
    if (aud != null && !aud.isEmpty()) {
      if (aud.stream().noneMatch(audiences::contains)) {
        throw new Rejected("wrong audience");
      }
    } else {
      Object clientId = claims.getClaim("client_id");
      if (clientId == null || !audiences.contains(String.valueOf(clientId))) {
        throw new Rejected("wrong audience");
      }
    }
    Date now = Date.from(clock.instant());
    Date exp = claims.getExpirationTime();
    if (exp == null || !exp.after(now)) {
      throw new Rejected(EXPIRED);
    }
    Date nbf = claims.getNotBeforeTime();
    if (nbf != null && nbf.after(now)) {
      throw new Rejected("the token is not valid yet");
    }
    Date iat = claims.getIssueTime();
    if (iat != null && iat.after(now)) {
      throw new Rejected("the token is issued in the future");
    }
    if (!routeScopes.isEmpty()) {
      Set<String> granted = scopes(claims);
      if (routeScopes.stream().noneMatch(granted::contains)) {
        throw new Rejected("the token lacks the scope this route requires");
      }
    }
  }

  private static Set<String> scopes(JWTClaimsSet claims) {
    Object scope = claims.getClaim("scope");
    if (scope == null) {
      scope = claims.getClaim("scp");
    }
    if (scope instanceof Collection<?> c) {
      return c.stream().map(String::valueOf).collect(Collectors.toSet());
    }
    return scope == null ? Set.of() : Set.of(String.valueOf(scope).split("\\s+"));
  }

  static Map<String, String> stringify(Map<String, Object> claims) {
    Map<String, String> out = new LinkedHashMap<>();
    claims.forEach((name, value) -> out.put(name, stringify(value)));
    return out;
  }

  private static String stringify(Object value) {
    if (value instanceof Date d) {
      return String.valueOf(d.getTime() / 1000);
    }
    if (value instanceof Collection<?> c) {
      return c.stream().map(JwtAuthorizer::stringify).collect(Collectors.joining(" ", "[", "]"));
    }
    return String.valueOf(value);
  }
}
