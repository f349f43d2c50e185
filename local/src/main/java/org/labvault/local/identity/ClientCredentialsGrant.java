package org.labvault.local.identity;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.labvault.local.template.Model;

/**
 * The OAuth 2.0 client-credentials grant of a Cognito domain's {@code /oauth2/token}, for the
 * template's application clients: the client authenticates with HTTP Basic (or the form's
 * {@code client_id} and {@code client_secret}) and gets an access token for {@code app:<name>}
 * with the scopes it asked for (all the template allows it when it asks for none). Errors are
 * OAuth's ({@code invalid_request}, {@code invalid_client}, {@code invalid_scope},
 * {@code unsupported_grant_type}).
 */
public final class ClientCredentialsGrant {

  /** The token endpoint's answer: an HTTP status and the JSON body. */
  public record Answer(int status, Map<String, Object> body) {}

  private final Map<String, Model.AppClient> clients;
  private final Function<Model.AppClient, String> secrets;
  private final TokenIssuer issuer;
  private final long ttlSeconds;

  public ClientCredentialsGrant(Map<String, Model.AppClient> clients, Function<Model.AppClient, String> secrets,
      TokenIssuer issuer, long ttlSeconds) {
    this.clients = Map.copyOf(clients);
    this.secrets = secrets;
    this.issuer = issuer;
    this.ttlSeconds = ttlSeconds;
  }

  /** Answers one token request: its Authorization header (or null) and its form-encoded body. */
  public Answer token(String authorization, String form) {
    Map<String, String> fields = parse(form);
    if (!"client_credentials".equals(fields.get("grant_type"))) {
      return fields.containsKey("grant_type") ? error(400, "unsupported_grant_type") : error(400, "invalid_request");
    }
    String id = fields.get("client_id");
    String secret = fields.get("client_secret");
    if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return error(401, "invalid_client");
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        return error(401, "invalid_client");
      }
      id = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
      secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
    }
    Model.AppClient client = id == null ? null : clients.get(id);
    if (client == null || secret == null || !MessageDigest.isEqual(
        secret.getBytes(StandardCharsets.UTF_8), secrets.apply(client).getBytes(StandardCharsets.UTF_8))) {
      return error(401, "invalid_client");
    }
    List<String> scopes = client.scopes();
    String asked = fields.get("scope");
    if (asked != null && !asked.isBlank()) {
      scopes = List.of(asked.strip().split("\\s+"));
      if (!client.scopes().containsAll(scopes)) {
        return error(400, "invalid_scope");
      }
    }
    TokenIssuer.Token token =
        issuer.issue(client.subject(), null, TokenIssuer.DEFAULT_TENANT, List.of(), scopes, ttlSeconds);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("access_token", token.token());
    body.put("expires_in", ttlSeconds);
    body.put("token_type", "Bearer");
    return new Answer(200, body);
  }

  private static Answer error(int status, String code) {
    return new Answer(status, Map.of("error", code));
  }

  private static Map<String, String> parse(String form) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String pair : form.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      fields.putIfAbsent(name, value);
    }
    return fields;
  }
}
