package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.labvault.local.testing.Forge;
import org.labvault.local.testing.HttpApi;
import org.labvault.local.testing.StackExtension;
import org.labvault.local.testing.Stacks;
import org.labvault.shared.json.Json;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Tokens over HTTP: issued by the local issuer, checked by the gateway like the HTTP API does. */
class IdentityE2ET {

  @RegisterExtension static final StackExtension STACK = new StackExtension();
  static HttpApi api;
  static RSAKey issuerKey;
  static String issuer;

  @BeforeAll
  static void readIssuer() throws Exception {
    api = STACK.api();
    // the test reads the issuer's key from the state directory to forge tokens it would never issue
    issuerKey = RSAKey.parse(Files.readString(STACK.stateDir().resolve("identity/issuer-key.json")));
    issuer = STACK.stack().api() + "/local";
  }

  private static HttpApi.Answer notices(String token) {
    return api.get("/notifications", token);
  }

  private static void assertRejected(String token) {
    var answer = notices(token);
    assertThat(answer.status()).as(answer.body()).isEqualTo(401);
    assertThat(answer.problemCode()).isEqualTo("UNAUTHORIZED");
    assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
    assertThat(answer.header("X-Request-Id")).isNotBlank();
  }

  private static String signed(JWTClaimsSet claims) {
    return Forge.rs256(issuerKey, issuerKey.getKeyID(), claims);
  }

  @Test
  void anIssuedTokenOpensProtectedRoutes() {
    var issued = api.postJson("/local/tokens", null, "{\"sub\":\"alice\",\"email\":\"alice@acme.example\",\"tenant\":\"acme\"}");
    assertThat(issued.status()).isEqualTo(200);
    assertThat(Instant.parse(issued.json().path("expiresAt").asText()))
        .isBetween(Instant.now().plusSeconds(3500), Instant.now().plusSeconds(3700));
    assertThat(notices(issued.json().path("token").asText()).status()).isEqualTo(200);
  }

  @Test
  void theIssuerSignsExactlyTheContractClaims() throws Exception {
    String token = api.postJson("/local/tokens", null,
        "{\"sub\":\"op\",\"tenant\":\"platform\",\"groups\":[\"operators\"],\"ttlSeconds\":60}").json().path("token").asText();
    var claims = com.nimbusds.jwt.SignedJWT.parse(token).getJWTClaimsSet();
    assertThat(claims.getIssuer()).isEqualTo(issuer);
    assertThat(claims.getAudience()).containsExactly("labvault");
    assertThat(claims.getStringClaim("custom:tenant")).isEqualTo("platform");
    assertThat(claims.getStringListClaim("cognito:groups")).containsExactly("operators");
    assertThat(claims.getExpirationTime().toInstant()).isBefore(Instant.now().plusSeconds(61));
  }

  @Test
  void theDefaultTenantIsLocal() throws Exception {
    String token = api.token("bob", null);
    assertThat(com.nimbusds.jwt.SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("custom:tenant")).isEqualTo("local");
  }

  @Test
  void theTokenRouteValidatesItsBody() {
    assertThat(api.postJson("/local/tokens", null, "{}").problemCode()).isEqualTo("VALIDATION");
    assertThat(api.postJson("/local/tokens", null, "{\"sub\":\"a\",\"ttlSeconds\":0}").json().path("detail").asText())
        .startsWith("ttlSeconds:");
    assertThat(api.postJson("/local/tokens", null, "{\"sub\":\"a\",\"admin\":true}").json().path("detail").asText())
        .isEqualTo("admin: unknown field");
    assertThat(api.send("POST", "/local/tokens", null, "sub=a", "application/x-www-form-urlencoded").status()).isEqualTo(415);
    assertThat(api.postJson("/local/tokens", null, "{\"sub\":").problemCode()).isEqualTo("VALIDATION");
  }

  @Test
  void theApiDocumentIsServedAsJsonWithoutAToken() throws Exception {
    var served = api.get("/local/openapi.json", null);
    assertThat(served.status()).as(served.body()).isEqualTo(200);
    assertThat(served.header("Content-Type")).startsWith("application/json");
    var document = served.json();
    assertThat(document.path("openapi").asText()).startsWith("3.1.");
    assertThat(document.path("paths").has("/groups/{groupId}/assets")).isTrue();
    assertThat(document.path("paths").path("/health").path("get").path("security").isEmpty()).isTrue();
    // the document the stack was started with, beside its template
    var onDisk = Json.instance().mapper().valueToTree(
        new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(Stacks.root().resolve("openapi.yaml"))));
    assertThat(document).isEqualTo(onDisk);
  }

  @Test
  void theJwksServesThePublicKeyOnly() {
    var jwks = api.get("/local/jwks.json", null);
    assertThat(jwks.status()).isEqualTo(200);
    var key = jwks.json().path("keys").get(0);
    assertThat(key.path("kty").asText()).isEqualTo("RSA");
    assertThat(key.path("kid").asText()).isEqualTo(issuerKey.getKeyID());
    assertThat(key.has("d")).isFalse();
    assertThat(key.has("p")).isFalse();
    var discovery = api.get("/local/.well-known/openid-configuration", null).json();
    assertThat(discovery.path("issuer").asText()).isEqualTo(issuer);
  }

  @Test
  void aMissingOrMalformedTokenIs401() {
    assertRejected(null);
    assertRejected("not-a-token");
    var raw = api.raw("GET", "/notifications", Map.of("Authorization", "Basic YWxpY2U6c2VjcmV0"), null);
    assertThat(raw.status()).isEqualTo(401);
  }

  @Test
  void aForgedSignatureIs401() {
    RSAKey attacker = Forge.rsaKey("attacker");
    assertRejected(Forge.rs256(attacker, issuerKey.getKeyID(), Forge.claims(issuer, "labvault", Instant.now()).build()));
  }

  @Test
  void aTokenOfAnotherKeyIs401() {
    RSAKey other = Forge.rsaKey("other");
    assertRejected(Forge.rs256(other, "other", Forge.claims(issuer, "labvault", Instant.now()).build()));
  }

  @Test
  void algNoneAndHs256Are401() {
    var claims = Forge.claims(issuer, "labvault", Instant.now()).build();
    assertRejected(Forge.unsigned(claims));
    assertRejected(Forge.hs256(issuerKey.getKeyID(), claims));
  }

  @Test
  void anExpiredOrNotYetValidTokenIs401() {
    assertRejected(signed(Forge.claims(issuer, "labvault", Instant.now().minusSeconds(7200)).build()));
    var later = new JWTClaimsSet.Builder(Forge.claims(issuer, "labvault", Instant.now()).build())
        .notBeforeTime(Date.from(Instant.now().plusSeconds(600))).build();
    assertRejected(signed(later));
  }

  @Test
  void aShortLivedTokenStopsWorkingWhenItExpires() throws Exception {
    String token = api.postJson("/local/tokens", null, "{\"sub\":\"alice\",\"ttlSeconds\":1}").json().path("token").asText();
    Thread.sleep(2100);
    assertRejected(token);
  }

  @Test
  void aTokenInUseStopsWorkingWhenItExpires() throws Exception {
    var issued = api.postJson("/local/tokens", null, "{\"sub\":\"alice\",\"ttlSeconds\":2}").json();
    String token = issued.path("token").asText();
    Instant expiresAt = Instant.parse(issued.path("expiresAt").asText());
    // used, so the gateway remembers it, right up to its expiry
    assertThat(notices(token).status()).isEqualTo(200);
    assertThat(notices(token).status()).isEqualTo(200);
    Thread.sleep(Math.max(0, java.time.Duration.between(Instant.now(), expiresAt).toMillis()) + 1100);
    assertRejected(token);
    assertRejected(token);
  }

  @Test
  void aForgedSignatureIs401EvenAfterTheGenuineTokenWasUsed() {
    var claims = Forge.claims(issuer, "labvault", Instant.now()).build();
    String genuine = signed(claims);
    assertThat(notices(genuine).status()).isEqualTo(200);
    String forged = Forge.rs256(Forge.rsaKey("attacker"), issuerKey.getKeyID(), claims);
    assertThat(forged.substring(0, forged.lastIndexOf('.'))).isEqualTo(genuine.substring(0, genuine.lastIndexOf('.')));
    assertRejected(forged);
    String signature = genuine.substring(genuine.lastIndexOf('.') + 1);
    assertRejected(genuine.substring(0, genuine.lastIndexOf('.') + 1) + (signature.charAt(0) == 'A' ? 'B' : 'A')
        + signature.substring(1));
    assertThat(notices(genuine).status()).isEqualTo(200);
  }

  @Test
  void theWrongAudienceOrIssuerIs401() {
    assertRejected(signed(Forge.claims(issuer, "another-client", Instant.now()).build()));
    assertRejected(signed(Forge.claims("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_x", "labvault", Instant.now()).build()));
  }

  @Test
  void aPublicRouteNeedsNoToken_andIgnoresABadOne() {
    assertThat(api.get("/health", null).status()).isEqualTo(200);
    assertThat(api.get("/health", "garbage").status()).isEqualTo(200);
  }

  /** A token with a hand-written header, a valid payload and a junk signature. */
  private static String withHeader(String headerJson) {
    var b64 = java.util.Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString(headerJson.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(Forge.claims(issuer, "labvault", Instant.now()).build().toString()
            .getBytes(java.nio.charset.StandardCharsets.UTF_8)) + ".c2ln";
  }

  @Test
  void anAlgorithmWithCrLfOrQuotesIs401_withAWellFormedChallenge() {
    for (String alg : List.of("RS256\\r\\nX-Injected: yes", "RS256\\\", error=\\\"forged", "\\u0000\\u007f\\\\")) {
      String token = withHeader("{\"alg\":\"" + alg + "\",\"kid\":\"" + issuerKey.getKeyID() + "\"}");
      var answer = notices(token);
      assertThat(answer.status()).as(alg + ": " + answer.body()).isEqualTo(401);
      assertThat(answer.problemCode()).isEqualTo("UNAUTHORIZED");
      assertThat(answer.header("X-Injected")).isNull();
      String challenge = answer.header("WWW-Authenticate");
      assertThat(challenge).matches("Bearer error=\"invalid_token\", error_description=\"[\\x20\\x21\\x23-\\x5b\\x5d-\\x7e]*\"");
    }
  }

  @Test
  void oddTokensOfAnySizeAre401() {
    String nested = "[".repeat(3000) + "]".repeat(3000);
    for (String token : List.of(
        withHeader("{\"alg\":{\"nested\":[1,2]},\"kid\":\"k\"}"),
        withHeader("{\"alg\":\"RS256\",\"kid\":" + nested + "}"),
        withHeader("{\"alg\":\"RS256\",\"kid\":\"" + issuerKey.getKeyID() + "\",\"jwk\":{\"kty\":\"RSA\",\"n\":{}}}"),
        "x".repeat(9_000),
        "\u00e9\u00ff.\u00e9.\u00e9")) {
      var answer = api.raw("GET", "/notifications", Map.of("Authorization", "Bearer " + token), null);
      assertThat(answer.status()).as(token.length() > 100 ? token.substring(0, 100) : token).isEqualTo(401);
    }
  }

  @Test
  void theTokenRouteRefusesABodyThatIsNotAnObject() {
    for (String body : List.of("null", "[]", "1", "\"sub\"", "true", "[{\"sub\":\"a\"}]")) {
      var answer = api.postJson("/local/tokens", null, body);
      assertThat(answer.status()).as(body + ": " + answer.body()).isEqualTo(400);
      assertThat(answer.problemCode()).isEqualTo("VALIDATION");
    }
  }

  @Test
  void theTokenRouteRefusesOversizedClaims() {
    String big = "a".repeat(10 * 1024);
    for (String body : List.of(
        "{\"sub\":\"" + big + "\"}",
        "{\"sub\":\"a\",\"email\":\"" + big + "@acme.example\"}",
        "{\"sub\":\"a\",\"tenant\":\"" + big + "\"}",
        "{\"sub\":\"a\",\"groups\":[\"" + big + "\"]}",
        "{\"sub\":\"a\",\"groups\":[" + "\"g\",".repeat(500) + "\"g\"]}")) {
      var answer = api.postJson("/local/tokens", null, body);
      assertThat(answer.status()).as(answer.body()).isEqualTo(400);
      assertThat(answer.problemCode()).isEqualTo("VALIDATION");
    }
  }
}
