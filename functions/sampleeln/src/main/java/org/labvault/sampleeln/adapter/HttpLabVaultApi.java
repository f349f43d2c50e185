package org.labvault.sampleeln.adapter;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.inject.Inject;
import org.labvault.sampleeln.port.LabVaultApi;
import org.labvault.shared.client.ApiUnavailableException;
import org.labvault.shared.client.ClientCredentials;
import org.labvault.shared.client.ClientCredentialsTokens;

/** LabVault's public API over HTTPS with a bearer token of this application's client. */
public final class HttpLabVaultApi implements LabVaultApi {

  static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final HttpClient http;
  private final ClientCredentialsTokens tokens;
  private final ClientCredentials settings;

  @Inject
  public HttpLabVaultApi(HttpClient http, ClientCredentialsTokens tokens, ClientCredentials settings) {
    this.http = http;
    this.tokens = tokens;
    this.settings = settings;
  }

  @Override
  public Confirmation confirmDeletion(String linkId) {
    int status = post(linkId);
    if (status == 401) {
      tokens.discard(); // a token refused before its time: one more try with a fresh one
      status = post(linkId);
    }
    return switch (status) {
      case 204, 200 -> Confirmation.CONFIRMED;
      case 404 -> Confirmation.GONE;
      default -> throw new ApiUnavailableException("confirming link " + linkId + " answered " + status);
    };
  }

  private int post(String linkId) {
    URI uri = URI.create(settings.apiUrl() + "/app-links/" + linkId + "/confirm-deletion");
    HttpRequest request = HttpRequest.newBuilder(uri)
        .timeout(TIMEOUT)
        .header("Authorization", "Bearer " + tokens.token())
        .POST(HttpRequest.BodyPublishers.noBody())
        .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new ApiUnavailableException("LabVault did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiUnavailableException("interrupted while confirming", e);
    }
  }
}
