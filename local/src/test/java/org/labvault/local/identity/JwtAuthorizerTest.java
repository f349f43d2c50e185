package org.labvault.local.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.labvault.local.testing.Forge;

class JwtAuthorizerTest {

  private static final String ISS = "http://127.0.0.1:3000/local";
  private static final String AUD = "labvault";
  private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
  private static final RSAKey TRUSTED = Forge.rsaKey("trusted");
  private static final RSAKey OTHER = Forge.rsaKey("other");

  private final JwtAuthorizer authorizer =
      new JwtAuthorizer(ISS, List.of(AUD), new JWKSet(TRUSTED.toPublicJWK()), Clock.fixed(NOW, ZoneOffset.UTC));

  private static JWTClaimsSet good() {
    return Forge.claims(ISS, AUD, NOW.minusSeconds(10)).build();
  }

  private String rejection(String token) {
    try {
      authorizer.authorize(token, List.of());
    } catch (JwtAuthorizer.Rejected e) {
      return e.getMessage();
    }
    throw new AssertionError("accepted " + token);
  }

  @Test
  void authorize_shouldPassClaimsAsApiGatewayDoes() throws Exception {
    var claims = authorizer.authorize("Bearer " + Forge.rs256(TRUSTED, "trusted", good()), List.of());
    assertThat(claims).containsEntry("sub", "mallory")
        .containsEntry("custom:tenant", "acme")
        .containsEntry("cognito:groups", "[operators]")
        .containsEntry("aud", "[labvault]")
        .containsEntry("exp", String.valueOf(NOW.minusSeconds(10).plusSeconds(3600).getEpochSecond()));
  }

  @Test
  void authorize_shouldAcceptTheTokenWithoutBearerOrInAnyCase() throws Exception {
    String token = Forge.rs256(TRUSTED, "trusted", good());
    assertThat(authorizer.authorize(token, List.of())).containsKey("sub");
    assertThat(authorizer.authorize("bearer " + token, List.of())).containsKey("sub");
  }

  @Test
  void authorize_shouldRefuseMissingAndMalformedTokens() {
    assertThat(rejection(null)).isEqualTo("missing bearer token");
    assertThat(rejection("  ")).isEqualTo("missing bearer token");
    assertThat(rejection("Bearer not.a.jwt")).isEqualTo("malformed token");
    assertThat(rejection("Bearer abc")).isEqualTo("malformed token");
  }

  @Test
  void authorize_shouldRefuseAForgedSignatureUnderATrustedKeyId() {
    assertThat(rejection(Forge.rs256(OTHER, "trusted", good()))).isEqualTo("invalid signature");
  }

  @Test
  void authorize_shouldRefuseAnUnknownKey() {
    assertThat(rejection(Forge.rs256(OTHER, "other", good()))).isEqualTo("the token is signed by an unknown key");
    assertThat(rejection(Forge.rs256(TRUSTED, null, good()))).isEqualTo("the token is signed by an unknown key");
  }

  @Test
  void authorize_shouldRefuseUnsignedAndHmacTokens() {
    assertThat(rejection(Forge.unsigned(good()))).isEqualTo("unsigned tokens are refused");
    assertThat(rejection(Forge.hs256("trusted", good()))).startsWith("signing algorithm HS256 is refused");
  }

  @Test
  void authorize_shouldRefuseATamperedPayload() {
    String[] parts = Forge.rs256(TRUSTED, "trusted", good()).split("\\.");
    String admin = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
        Forge.claims(ISS, AUD, NOW).subject("root").build().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(rejection(parts[0] + "." + admin + "." + parts[2])).isEqualTo("invalid signature");
  }

  @Test
  void authorize_shouldRefuseExpiredAndNotYetValidTokens() {
    var expired = Forge.claims(ISS, AUD, NOW.minusSeconds(7200)).build();
    assertThat(rejection(Forge.rs256(TRUSTED, "trusted", expired))).isEqualTo("the token has expired");
    var exactlyNow = Forge.claims(ISS, AUD, NOW.minusSeconds(3600)).build();
    assertThat(rejection(Forge.rs256(TRUSTED, "trusted", exactlyNow))).isEqualTo("the token has expired");
    var noExp = new JWTClaimsSet.Builder(good()).expirationTime(null).build();
    assertThat(rejection(Forge.rs256(TRUSTED, "trusted", noExp))).isEqualTo("the token has expired");
    var later = new JWTClaimsSet.Builder(good()).notBeforeTime(Date.from(NOW.plusSeconds(60))).build();
    assertThat(rejection(Forge.rs256(TRUSTED, "trusted", later))).isEqualTo("the token is not valid yet");
    var future = new JWTClaimsSet.Builder(good()).issueTime(Date.from(NOW.plusSeconds(60))).build();
    assertThat(rejection(Forge.rs256(TRUSTED, "trusted", future))).isEqualTo("the token is issued in the future");
  }

  @Test
  void authorize_shouldRefuseTheWrongIssuerOrAudience() {
    var wrongIss = Forge.claims("https://evil.example/local", AUD, NOW).build();
    assertThat(rejection(Forge.rs256(TRUSTED, "trusted", wrongIss))).isEqualTo("wrong issuer");
    var wrongAud = Forge.claims(ISS, "someone-else", NOW).build();
    assertThat(rejection(Forge.rs256(TRUSTED, "trusted", wrongAud))).isEqualTo("wrong audience");
  }

  @Test
  void authorize_shouldCheckClientIdOnlyWhenThereIsNoAudience() throws Exception {
    var access = new JWTClaimsSet.Builder(good()).audience((String) null).claim("client_id", AUD).build();
    assertThat(authorizer.authorize(Forge.rs256(TRUSTED, "trusted", access), List.of())).containsEntry("client_id", AUD);
    var wrongClient = new JWTClaimsSet.Builder(good()).audience((String) null).claim("client_id", "x").build();
    assertThat(rejection(Forge.rs256(TRUSTED, "trusted", wrongClient))).isEqualTo("wrong audience");
  }

  @Test
  void authorize_shouldRequireOneOfTheRouteScopes() throws Exception {
    var scoped = new JWTClaimsSet.Builder(good()).claim("scope", "labvault/read labvault/write").build();
    String token = Forge.rs256(TRUSTED, "trusted", scoped);
    assertThat(authorizer.authorize(token, List.of("labvault/write"))).containsKey("sub");
    assertThatThrownBy(() -> authorizer.authorize(token, List.of("labvault/admin")))
        .hasMessage("the token lacks the scope this route requires");
  }

  /** A token with a hand-written header and payload and a junk signature. */
  private static String handMade(String headerJson, String payloadJson) {
    var b64 = java.util.Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString(headerJson.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(payloadJson.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + ".c2ln";
  }

  @Test
  void authorize_shouldNeverEchoAnAlgorithmWithControlCharactersOrQuotes() {
    String crlf = rejection(handMade("{\"alg\":\"RS256\\r\\nX-Injected: 1\",\"kid\":\"trusted\"}", "{}"));
    assertThat(crlf).startsWith("signing algorithm").doesNotContain("\r", "\n", "X-Injected");
    String quote = rejection(handMade("{\"alg\":\"RS256\\\", error=\\\"x\",\"kid\":\"trusted\"}", "{}"));
    assertThat(quote).startsWith("signing algorithm").doesNotContain("\"", "error=");
  }

  @Test
  void authorize_shouldRefuseAnyMalformedTokenWithoutThrowingSomethingElse() {
    String nested = "[".repeat(5000) + "]".repeat(5000);
    List<String> odd = List.of(
        "Bearer " + "a".repeat(200_000),
        "Bearer " + "a".repeat(9_000) + "." + "b".repeat(9_000) + "." + "c".repeat(9_000),
        handMade("{\"alg\":{\"a\":{\"b\":1}},\"kid\":\"trusted\"}", "{}"),
        handMade("{\"alg\":[\"RS256\"],\"kid\":\"trusted\"}", "{}"),
        handMade("{\"alg\":\"RS256\",\"kid\":{\"x\":1}}", "{}"),
        handMade("{\"alg\":\"RS256\",\"kid\":\"trusted\",\"x\":" + nested + "}", "{}"),
        handMade("{\"alg\":\"RS256\",\"kid\":\"trusted\",\"jwk\":{\"kty\":\"RSA\",\"n\":[1],\"e\":{}}}", "{}"),
        handMade("{\"alg\":\"RS256\",\"kid\":\"trusted\",\"x5c\":[\"bm90IGEgY2VydA\",{}]}", "{}"),
        handMade("{\"alg\":\"RS256\",\"kid\":\"trusted\",\"crit\":[\"b64\"],\"b64\":\"no\"}", "{}"),
        handMade("{\"alg\":\"RS256\",\"kid\":\"trusted\",\"typ\":{}}", "{}"),
        handMade("{\"alg\":\"RS256\",\"kid\":\"trusted\"}", nested),
        handMade("{\"alg\":\"RS256\",\"kid\":\"trusted\"}", "{\"iss\":{\"a\":1}}"),
        "Bearer " + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[] {(byte) 0xc3, 0x28, (byte) 0xff, '{'})
            + ".e30.c2ln",
        "Bearer \u0000.\uffff.\ud800",
        "Bearer ...",
        "Bearer a.b.c.d.e");
    for (String token : odd) {
      assertThatThrownBy(() -> authorizer.authorize(token, List.of()))
          .as(token.length() > 200 ? token.substring(0, 200) : token)
          .isInstanceOf(JwtAuthorizer.Rejected.class);
    }
  }

  @Test
  void authorize_shouldRefuseAnOverlongTokenBeforeParsingIt() {
    var padded = new JWTClaimsSet.Builder(good()).claim("pad", "x".repeat(JwtAuthorizer.MAX_TOKEN_CHARS)).build();
    assertThat(rejection(Forge.rs256(TRUSTED, "trusted", padded))).isEqualTo("the token is too long");
  }

  // ---- remembered tokens

  /** A clock the test moves. */
  private static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  private static String rejection(JwtAuthorizer authorizer, String token, List<String> scopes) {
    try {
      authorizer.authorize(token, scopes);
    } catch (JwtAuthorizer.Rejected e) {
      return e.getMessage();
    }
    throw new AssertionError("accepted " + token);
  }

  @Test
  void aRememberedTokenStillExpiresAtItsExp() throws Exception {
    MovableClock clock = new MovableClock(NOW);
    var cached = new JwtAuthorizer(ISS, List.of(AUD), new JWKSet(TRUSTED.toPublicJWK()), clock);
    // issued almost an hour ago: it expires 10 s from now
    String token = Forge.rs256(TRUSTED, "trusted", Forge.claims(ISS, AUD, NOW.minusSeconds(3590)).build());
    assertThat(cached.authorize(token, List.of())).containsEntry("sub", "mallory");
    assertThat(cached.cachedTokens()).isEqualTo(1);

    clock.set(NOW.plusSeconds(9));
    assertThat(cached.authorize(token, List.of())).containsEntry("sub", "mallory");
    clock.set(NOW.plusSeconds(10));
    assertThat(rejection(cached, token, List.of())).isEqualTo("the token has expired");
    assertThat(cached.cachedTokens()).isZero();
    assertThat(rejection(cached, token, List.of())).isEqualTo("the token has expired");
  }

  @Test
  void aRememberedTokenIsStillRefusedBeforeItsNbf() throws Exception {
    MovableClock clock = new MovableClock(NOW);
    var cached = new JwtAuthorizer(ISS, List.of(AUD), new JWKSet(TRUSTED.toPublicJWK()), clock);
    String token = Forge.rs256(TRUSTED, "trusted", good());
    cached.authorize(token, List.of());
    clock.set(NOW.minusSeconds(60)); // the clock stepped back past nbf and iat
    assertThat(rejection(cached, token, List.of())).isEqualTo("the token is not valid yet");
  }

  @Test
  void aForgedSignatureOverARememberedTokensClaimsNeverPasses() throws Exception {
    String token = Forge.rs256(TRUSTED, "trusted", good());
    assertThat(authorizer.authorize(token, List.of())).containsEntry("sub", "mallory");
    assertThat(authorizer.cachedTokens()).isEqualTo(1);

    String forged = Forge.rs256(OTHER, "trusted", good());
    assertThat(forged.substring(0, forged.lastIndexOf('.'))).isEqualTo(token.substring(0, token.lastIndexOf('.')));
    String signature = token.substring(token.lastIndexOf('.') + 1);
    String flipped = token.substring(0, token.lastIndexOf('.') + 1)
        + (signature.charAt(0) == 'A' ? 'B' : 'A') + signature.substring(1);
    String truncated = token.substring(0, token.length() - 4);
    for (int round = 0; round < 2; round++) {
      assertThat(rejection(forged)).isEqualTo("invalid signature");
      assertThat(rejection(flipped)).isEqualTo("invalid signature");
      assertThat(rejection(truncated)).isEqualTo("invalid signature");
      assertThat(rejection(token.substring(0, token.lastIndexOf('.') + 1))).isIn("malformed token", "invalid signature");
    }
    assertThat(authorizer.cachedTokens()).isEqualTo(1);
    assertThat(authorizer.authorize(token, List.of())).containsEntry("sub", "mallory");
  }

  @Test
  void aRememberedTokenStillNeedsEachRoutesScope() throws Exception {
    var scoped = new JWTClaimsSet.Builder(good()).claim("scope", "labvault/read").build();
    String token = Forge.rs256(TRUSTED, "trusted", scoped);
    assertThat(authorizer.authorize(token, List.of("labvault/read"))).containsKey("sub");
    assertThat(rejection(authorizer, token, List.of("labvault/write")))
        .isEqualTo("the token lacks the scope this route requires");
    assertThat(authorizer.authorize(token, List.of())).containsKey("sub");
  }

  @Test
  void aRefusedTokenIsNotRemembered() {
    String otherAudience = Forge.rs256(TRUSTED, "trusted", Forge.claims(ISS, "someone-else", NOW.minusSeconds(10)).build());
    assertThat(rejection(otherAudience)).isEqualTo("wrong audience");
    assertThat(rejection(Forge.rs256(OTHER, "trusted", good()))).isEqualTo("invalid signature");
    assertThat(authorizer.cachedTokens()).isZero();
  }

  @Test
  void theRememberedTokensAreBounded() throws Exception {
    List<String> tokens = new java.util.ArrayList<>();
    for (int i = 0; i < JwtAuthorizer.CACHED_TOKENS + 20; i++) {
      tokens.add(Forge.rs256(TRUSTED, "trusted", new JWTClaimsSet.Builder(good()).subject("user-" + i).build()));
    }
    for (String token : tokens) {
      authorizer.authorize(token, List.of());
    }
    assertThat(authorizer.cachedTokens()).isEqualTo(JwtAuthorizer.CACHED_TOKENS);
    // the first ones were dropped: they are verified again, and pass again
    assertThat(authorizer.authorize(tokens.getFirst(), List.of())).containsEntry("sub", "user-0");
    assertThat(authorizer.cachedTokens()).isEqualTo(JwtAuthorizer.CACHED_TOKENS);
  }
}
