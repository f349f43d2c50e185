package org.labvault.local.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labvault.local.template.Model;

class ClientCredentialsGrantTest {

  static final Model.AppClient ELN = new Model.AppClient("SampleElnAppClient", "sample-eln", "sample-eln",
      java.util.List.of("labvault/app-links"));
  static final String SECRET = "s3cr3t-of-the-sample-application-0123456789abcdefg";

  @TempDir Path dir;
  private ClientCredentialsGrant grant;

  @BeforeEach
  void setUp() throws Exception {
    TokenIssuer issuer = TokenIssuer.open(dir.resolve("key.json"), "http://127.0.0.1:3000/local", "labvault",
        Clock.systemUTC());
    grant = new ClientCredentialsGrant(Map.of(ELN.clientId(), ELN), c -> SECRET, issuer, 3600);
  }

  static String basic(String id, String secret) {
    return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theApplicationGetsAnAccessTokenForItsAppPrincipal() throws Exception {
    var answer = grant.token(basic("sample-eln", SECRET), "grant_type=client_credentials&scope=labvault%2Fapp-links");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).containsEntry("token_type", "Bearer").containsEntry("expires_in", 3600L);
    var claims = SignedJWT.parse((String) answer.body().get("access_token")).getJWTClaimsSet();
    assertThat(claims.getSubject()).isEqualTo("app:sample-eln");
    assertThat(claims.getAudience()).containsExactly("labvault");
    assertThat(claims.getStringClaim("scope")).isEqualTo("labvault/app-links");
  }

  @Test
  void aClientGetsEveryScopeItIsAllowed_whenItAsksForNone_andNeverOneItIsNot() throws Exception {
    var answer = grant.token(basic("sample-eln", SECRET), "grant_type=client_credentials");
    var claims = SignedJWT.parse((String) answer.body().get("access_token")).getJWTClaimsSet();
    assertThat(claims.getStringClaim("scope")).isEqualTo("labvault/app-links");
    assertThat(grant.token(basic("sample-eln", SECRET), "grant_type=client_credentials&scope=labvault%2Fcanary").body())
        .containsEntry("error", "invalid_scope");
  }

  @Test
  void theClientMayAuthenticateInTheFormToo() {
    var answer = grant.token(null, "grant_type=client_credentials&client_id=sample-eln&client_secret=" + SECRET);
    assertThat(answer.status()).isEqualTo(200);
  }

  @Test
  void aWrongSecretAnUnknownClientOrNoCredentialsAreInvalidClient() {
    assertThat(grant.token(basic("sample-eln", SECRET + "x"), "grant_type=client_credentials").body())
        .containsEntry("error", "invalid_client");
    assertThat(grant.token(basic("other-app", SECRET), "grant_type=client_credentials").status()).isEqualTo(401);
    assertThat(grant.token(null, "grant_type=client_credentials").status()).isEqualTo(401);
    assertThat(grant.token("Basic not-base64!", "grant_type=client_credentials").status()).isEqualTo(401);
  }

  @Test
  void anotherGrantOrNoneIsRefused() {
    assertThat(grant.token(basic("sample-eln", SECRET), "grant_type=password&username=a").body())
        .containsEntry("error", "unsupported_grant_type");
    assertThat(grant.token(basic("sample-eln", SECRET), "").body()).containsEntry("error", "invalid_request");
  }
}
