package org.labvault.local.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request, read in full, and the answer the handler gives to it. The server writes the answer
 * once the handler returns.
 */
final class Exchange {

  private final String method;
  private final String rawPath;
  private final String rawQuery;
  private final String protocol;
  private final Map<String, List<String>> requestHeaders;
  private final byte[] body;
  private final String sourceIp;
  private final Map<String, List<String>> responseHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private int status;
  private byte[] responseBody;

  Exchange(String method, String rawPath, String rawQuery, String protocol,
      Map<String, List<String>> requestHeaders, byte[] body, String sourceIp) {
    this.method = method;
    this.rawPath = rawPath;
    this.rawQuery = rawQuery;
    this.protocol = protocol;
    this.requestHeaders = requestHeaders;
    this.body = body;
    this.sourceIp = sourceIp;
  }

  String method() {
    return method;
  }

  String rawPath() {
    return rawPath;
  }

  /** The query string without {@code ?}, or null when the target has none. */
  String rawQuery() {
    return rawQuery;
  }

  String protocol() {
    return protocol;
  }

  /** Case-insensitive names, each with its values in arrival order. */
  Map<String, List<String>> requestHeaders() {
    return requestHeaders;
  }

  String header(String name) {
    List<String> values = requestHeaders.get(name);
    return values == null || values.isEmpty() ? null : values.getFirst();
  }

  byte[] body() {
    return body;
  }

  String sourceIp() {
    return sourceIp;
  }

  /** Replaces the header's values. A name or value that cannot be sent is refused here, not on the wire. */
  void setHeader(String name, String value) {
    checkHeader(name, value);
    List<String> values = new ArrayList<>();
    values.add(value);
    responseHeaders.put(name, values);
  }

  void addHeader(String name, String value) {
    checkHeader(name, value);
    responseHeaders.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
  }

  /** Drops the headers set so far, for an answer that replaces the one being built. */
  void clearHeaders() {
    responseHeaders.clear();
  }

  /** A final answer: 200 to 599 (an interim 1xx is the server's business). */
  void respond(int status, byte[] body) {
    if (status < 200 || status > 599) {
      throw new IllegalArgumentException("not a status an answer can have: " + status);
    }
    this.status = status;
    this.responseBody = body;
  }

  boolean answered() {
    return responseBody != null;
  }

  int status() {
    return status;
  }

  byte[] responseBody() {
    return responseBody;
  }

  Map<String, List<String>> responseHeaders() {
    return responseHeaders;
  }

  private static void checkHeader(String name, String value) {
    if (!HttpSyntax.isToken(name)) {
      throw new IllegalArgumentException("not a header name: " + name);
    }
    if (!HttpSyntax.isFieldValue(value)) {
      throw new IllegalArgumentException("header " + name + " has a value that cannot be sent");
    }
  }
}
