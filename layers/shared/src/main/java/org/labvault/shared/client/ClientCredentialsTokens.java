package org.labvault.shared.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.labvault.shared.json.Json;

/**
 * Access tokens from an OAuth2 token endpoint by the client-credentials grant, as Cognito's
 * {@code /oauth2/token} takes it: a form POST with the client authenticated by HTTP Basic. A token
 * is kept until shortly before it expires, so most messages cost no token request.
 */
@Singleton
public final class ClientCredentialsTokens {

  static final Duration TIMEOUT = Duration.ofSeconds(5);
  /** A token is renewed this long before it expires (or at half its life, if that is shorter). */
  static final Duration MARGIN = Duration.ofSeconds(60);

  private final HttpClient http;
  private final ClientCredentials settings;
  private final Json json;
  private final Clock clock;
  private String token;
  private Instant renewAt = Instant.MIN;

  @Inject
  public ClientCredentialsTokens(HttpClient http, ClientCredentials settings, Json json, Clock clock) {
    this.http = http;
    this.settings = settings;
    this.json = json;
    this.clock = clock;
  }

  public synchronized String token() {
    if (token == null || !clock.instant().isBefore(renewAt)) {
      fetch();
    }
    return token;
  }

  /** Forgets the token (LabVault refused it: revoked, or the clocks disagree). */
  public synchronized void discard() {
    token = null;
  }

  private void fetch() {
    String basic = Base64.getEncoder().encodeToString(
        (form(settings.clientId()) + ":" + form(settings.clientSecret())).getBytes(StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(settings.tokenUrl())
        .timeout(TIMEOUT)
        .header("Authorization", "Basic " + basic)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
        .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ApiUnavailableException("the token endpoint did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiUnavailableException("interrupted while asking for a token", e);
    }
    if (response.statusCode() != 200) {
      // never the body: it may echo credentials
      throw new ApiUnavailableException("the token endpoint answered " + response.statusCode());
    }
    JsonNode body;
    try {
      body = json.mapper().readTree(response.body());
    } catch (IOException e) {
      throw new ApiUnavailableException("the token endpoint answered no JSON", e);
    }
    String accessToken = body.path("access_token").asText(null);
    long expiresIn = body.path("expires_in").asLong(0);
    if (accessToken == null || accessToken.isEmpty() || expiresIn <= 0) {
      throw new ApiUnavailableException("the token endpoint answered no access token");
    }
    Duration life = Duration.ofSeconds(expiresIn);
    Duration margin = MARGIN.compareTo(life.dividedBy(2)) < 0 ? MARGIN : life.dividedBy(2);
    token = accessToken;
    renewAt = clock.instant().plus(life).minus(margin);
  }

  /** RFC 6749 2.3.1: the client id and secret are form-encoded before they go into Basic. */
  private static String form(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
