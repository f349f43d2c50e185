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
}
