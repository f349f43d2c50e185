package org.labvault.local.gateway;

/** The character rules of HTTP/1.1 (RFC 9110, 9112) the server checks. */
final class HttpSyntax {

  private HttpSyntax() {}

  /** A token: header names, methods. */
  static boolean isToken(String s) {
    if (s == null || s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** A field value: visible characters, spaces, tabs and obs-text; never CR, LF, NUL or other controls. */
  static boolean isFieldValue(String s) {
    if (s == null) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c > 0xff || c == 0x7f || c < 0x20 && c != '\t') {
        return false;
      }
    }
    return true;
  }

  /** A request target in origin form: ASCII from {@code !} to {@code ~}, starting with {@code /}. */
  static boolean isOriginForm(String s) {
    if (s.isEmpty() || s.charAt(0) != '/') {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }
}
