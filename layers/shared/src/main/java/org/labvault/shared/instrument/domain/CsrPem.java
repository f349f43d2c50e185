package org.labvault.shared.instrument.domain;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.labvault.shared.error.ValidationException;

/** The PEM text around a certificate request: exactly one block, nothing else, strict base64. */
final class CsrPem {

  /** Far above an 8192-bit RSA request (about 3 KiB of PEM); keeps parsing cheap. */
  static final int MAX_CHARS = 16 * 1024;

  private static final String LABEL = "CERTIFICATE REQUEST";
  private static final String OLD_LABEL = "NEW CERTIFICATE REQUEST";
  private static final Pattern BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]{1,40})-----");
  private static final Pattern BLOCK = Pattern.compile(
      "-----BEGIN ((?:NEW )?CERTIFICATE REQUEST)-----\\r?\\n(.*?)-----END \\1-----", Pattern.DOTALL);
  private static final Pattern WHITESPACE = Pattern.compile("[ \\t\\r\\n]+");

  private CsrPem() {}

  /** The DER bytes of the one request block in {@code pem}. */
  static byte[] decode(String field, String pem) {
    if (pem == null || pem.isBlank()) {
      throw ValidationException.field(field, "is required");
    }
    if (pem.length() > MAX_CHARS) {
      throw ValidationException.field(field, "must be at most " + MAX_CHARS + " characters of PEM");
    }
    requireOneRequestBlock(field, beginLabels(pem));
    String text = pem.strip();
    var block = BLOCK.matcher(text);
    if (!block.matches()) {
      throw ValidationException.field(field, "must be a single PEM block from -----BEGIN CERTIFICATE"
          + " REQUEST----- to the matching END line, with nothing around it");
    }
    String base64 = WHITESPACE.matcher(block.group(2)).replaceAll("");
    if (base64.isEmpty()) {
      throw ValidationException.field(field, "the certificate request block is empty");
    }
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw ValidationException.field(field, "the certificate request block is not valid base64");
    }
  }

  /** A PEM with one block and 64-character lines, as RFC 7468 writes it. */
  static String encode(byte[] der) {
    return "-----BEGIN " + LABEL + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + LABEL + "-----\n";
  }

  private static List<String> beginLabels(String pem) {
    var labels = new ArrayList<String>();
    var begin = BEGIN.matcher(pem);
    while (begin.find()) {
      labels.add(begin.group(1));
    }
    return labels;
  }

  private static void requireOneRequestBlock(String field, List<String> labels) {
    if (labels.stream().anyMatch(label -> label.endsWith("PRIVATE KEY"))) {
      throw ValidationException.field(field,
          "contains a private key; send only the certificate request, the private key stays on the instrument");
    }
    long requests = labels.stream().filter(l -> l.equals(LABEL) || l.equals(OLD_LABEL)).count();
    if (requests > 1) {
      throw ValidationException.field(field, "must contain exactly one certificate request, not " + requests);
    }
    if (requests == 0 && labels.contains("CERTIFICATE")) {
      throw ValidationException.field(field, "is a certificate, not a certificate request");
    }
    if (requests == 0) {
      throw ValidationException.field(field, "must be a PEM block starting with -----BEGIN CERTIFICATE REQUEST-----");
    }
    if (labels.size() > 1) {
      throw ValidationException.field(field, "must contain only the certificate request, no other PEM block");
    }
  }
}
