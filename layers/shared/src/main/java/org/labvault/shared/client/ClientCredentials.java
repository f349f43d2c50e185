package org.labvault.shared.client;

import java.net.URI;
import org.labvault.shared.config.Config;

/**
 * Where LabVault's API and its token endpoint are, and the credentials of the app client that
 * calls it (an application, or the canary); read once at INIT, so a function deployed without them
 * fails there, not on its first call.
 */
public record ClientCredentials(URI apiUrl, URI tokenUrl, String clientId, String clientSecret) {

  public static final String LABVAULT_API_URL = "LABVAULT_API_URL";
  public static final String TOKEN_URL = "TOKEN_URL";
  public static final String CLIENT_ID = "CLIENT_ID";
  public static final String CLIENT_SECRET = "CLIENT_SECRET";

  public static ClientCredentials from(Config config) {
    return new ClientCredentials(uri(config, LABVAULT_API_URL), uri(config, TOKEN_URL), config.require(CLIENT_ID),
        config.require(CLIENT_SECRET));
  }

  private static URI uri(Config config, String name) {
    String value = config.require(name);
    try {
      URI uri = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
      if (uri.getScheme() != null && uri.getScheme().startsWith("http") && uri.getHost() != null) {
        return uri;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new Config.ConfigException("environment variable " + name + " must be an http(s) URL");
  }
}
