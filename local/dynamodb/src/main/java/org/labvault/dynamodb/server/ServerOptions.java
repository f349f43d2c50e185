package org.labvault.dynamodb.server;

/**
 * Where and how the HTTP server listens.
 *
 * @param host the address to bind, only that one (a null or blank host is {@code 127.0.0.1});
 *     wildcard addresses such as {@code 0.0.0.0} are refused when the server starts
 * @param port the TCP port, {@code 0} for any free port
 * @param credentials the access key whose signatures are required; {@code null} accepts any
 *     well-formed signature and unsigned requests
 */
public record ServerOptions(String host, int port, Credentials credentials) {

  public static final String DEFAULT_HOST = "127.0.0.1";

  public ServerOptions {
    host = host == null || host.isBlank() ? DEFAULT_HOST : host.strip();
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
    }
  }

  /** {@code 127.0.0.1}, any free port, no signature check. */
  public static ServerOptions defaults() {
    return new ServerOptions(DEFAULT_HOST, 0, null);
  }

  public ServerOptions withHost(String newHost) {
    return new ServerOptions(newHost, port, credentials);
  }

  public ServerOptions withPort(int newPort) {
    return new ServerOptions(host, newPort, credentials);
  }

  public ServerOptions withCredentials(Credentials newCredentials) {
    return new ServerOptions(host, port, newCredentials);
  }
}
