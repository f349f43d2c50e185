package org.labvault.local.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.labvault.local.PrivateFiles;

/**
 * The local stand-in for the Cognito user pool: signs RS256 ID tokens with the claims LabVault
 * reads ({@code sub}, {@code email}, {@code custom:tenant}, {@code cognito:groups}). Its key is
 * kept in the state directory, so tokens stay valid across restarts.
 */
public final class TokenIssuer {

  public static final String DEFAULT_TENANT = "local";
  public static final long DEFAULT_TTL_SECONDS = 3600;
  public static final long MAX_TTL_SECONDS = 24 * 3600;

  private final RSAKey key;
  private final String issuer;
  private final String audience;
  private final Clock clock;

  private TokenIssuer(RSAKey key, String issuer, String audience, Clock clock) {
    this.key = key;
    this.issuer = issuer;
    this.audience = audience;
    this.clock = clock;
  }

  /** Loads the signing key from {@code keyFile}, creating it on first use. */
  public static TokenIssuer open(Path keyFile, String issuer, String audience, Clock clock) throws IOException {
    RSAKey key;
    if (Files.exists(keyFile)) {
      try {
        key = RSAKey.parse(Files.readString(keyFile, StandardCharsets.UTF_8));
      } catch (ParseException e) {
        throw new IOException("unreadable issuer key " + keyFile + ": " + e.getMessage(), e);
      }
    } else {
      try {
        key = new RSAKeyGenerator(2048)
            .keyUse(KeyUse.SIGNATURE)
            .algorithm(JWSAlgorithm.RS256)
            .keyIDFromThumbprint(true)
            .generate();
      } catch (JOSEException e) {
        throw new IOException("cannot create an issuer key", e);
      }
      PrivateFiles.write(keyFile, key.toJSONString());
    }
    return new TokenIssuer(key, issuer, audience, clock);
  }

  public String issuer() {
    return issuer;
  }

  public String audience() {
    return audience;
  }

  /** The public keys, as {@code GET /local/jwks.json} serves them. */
  public JWKSet publicKeys() {
    return new JWKSet(key.toPublicJWK());
  }

  /** A signed token and when it expires. */
  public record Token(String token, Instant expiresAt) {}

  public Token issue(String sub, String email, String tenant, List<String> groups, long ttlSeconds) {
    return issue(sub, email, tenant, groups, List.of(), ttlSeconds);
  }

  /** A token with OAuth scopes too, as Cognito's {@code scope} claim: the names separated by spaces. */
  public Token issue(String sub, String email, String tenant, List<String> groups, List<String> scopes, long ttlSeconds) {
    Instant now = clock.instant();
    Instant expiresAt = now.plusSeconds(ttlSeconds);
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .audience(audience)
            .subject(sub)
            .issueTime(Date.from(now))
            .notBeforeTime(Date.from(now))
            .expirationTime(Date.from(expiresAt))
            .jwtID(UUID.randomUUID().toString())
            .claim("token_use", "id")
            .claim("custom:tenant", tenant);
    if (email != null) {
      claims.claim("email", email);
    }
    if (!groups.isEmpty()) {
      claims.claim("cognito:groups", groups);
    }
    if (!scopes.isEmpty()) {
      claims.claim("scope", String.join(" ", scopes));
    }
    return new Token(sign(claims.build()), expiresAt);
  }

  private String sign(JWTClaimsSet claims) {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
            claims);
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a token", e);
    }
    return jwt.serialize();
  }
}
