package org.labvault.dynamodb.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.labvault.dynamodb.DynamoDb;

/**
 * Checks AWS Signature Version 4 on a request ({@code Authorization: AWS4-HMAC-SHA256 ...}) and
 * answers refusals the way DynamoDB does. Without credentials it only insists that a signature,
 * when present, is well-formed.
 */
final class SigV4Verifier {

  static final String ALGORITHM = "AWS4-HMAC-SHA256";
  static final String SERVICE = "dynamodb";
  static final String TERMINATOR = "aws4_request";
  static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

  static final String MISSING_TOKEN = "Request is missing Authentication Token";
  static final String UNRECOGNIZED_CLIENT = "The security token included in the request is invalid.";
  static final String SIGNATURE_MISMATCH = "The request signature we calculated does not match the signature you"
      + " provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

  private static final HexFormat HEX = HexFormat.of();
  private static final DateTimeFormatter BASIC_DATE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** What the verifier needs of a request; header lookup is by name, in any case. */
  record SignedRequest(String method, String rawPath, String rawQuery,
      Function<String, List<String>> headers, byte[] body) {}

  /** The parts of an {@code Authorization} header. */
  record Authorization(String accessKeyId, String date, String region, String service, String terminator,
      List<String> signedHeaders, String signature) {}

  private final Credentials credentials;

  SigV4Verifier(Credentials credentials) {
    this.credentials = credentials;
  }

  /** An error answer when the request must be refused, empty when it may go on. */
  Optional<DynamoDb.Response> verify(SignedRequest request) {
    String header = first(request, "Authorization");
    if (header == null || header.isBlank()) {
      return credentials == null ? Optional.empty()
          : refuse("MissingAuthenticationTokenException", MISSING_TOKEN);
    }
    Authorization auth;
    try {
      auth = parse(header);
    } catch (IllegalArgumentException e) {
      return refuse("IncompleteSignatureException", e.getMessage());
    }
    if (credentials == null) {
      return Optional.empty();
    }
    if (!credentials.accessKeyId().equals(auth.accessKeyId())) {
      return refuse("UnrecognizedClientException", UNRECOGNIZED_CLIENT);
    }
    String amzDate = requestDate(request);
    if (amzDate == null) {
      return refuse("IncompleteSignatureException",
          "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }
    if (!SERVICE.equals(auth.service())) {
      return refuse("InvalidSignatureException",
          "Credential should be scoped to correct service: '" + SERVICE + "'. ");
    }
    if (!TERMINATOR.equals(auth.terminator())) {
      return refuse("InvalidSignatureException",
          "Credential should be scoped with a valid terminator: '" + TERMINATOR + "', not '" + auth.terminator() + "'.");
    }
    if (!amzDate.startsWith(auth.date() + "T")) {
      return refuse("InvalidSignatureException",
          "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
              + auth.date() + "' != '" + amzDate.substring(0, Math.min(8, amzDate.length())) + "', from '" + amzDate + "'.");
    }
    String declared = first(request, "x-amz-content-sha256");
    if (declared != null && isHexHash(declared.strip())
        && !MessageDigest.isEqual(declared.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII),
            hex(sha256(request.body())).getBytes(StandardCharsets.US_ASCII))) {
      return refuse("InvalidSignatureException",
          "The provided 'x-amz-content-sha256' header does not match what was computed.");
    }
    String expected = signature(request, auth, amzDate, credentials.secretAccessKey());
    boolean same = MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
        auth.signature().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    return same ? Optional.empty() : refuse("InvalidSignatureException", SIGNATURE_MISMATCH);
  }

  private static boolean isHexHash(String value) {
    return value.length() == 64 && value.chars().allMatch(c -> Character.digit(c, 16) >= 0);
  }

  private static Optional<DynamoDb.Response> refuse(String type, String message) {
    return Optional.of(Wire.error(400, Wire.CORAL + type, message));
  }

  /** Parses {@code AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...}. */
  static Authorization parse(String header) {
    String value = header.strip();
    if (!value.regionMatches(false, 0, ALGORITHM, 0, ALGORITHM.length())
        || (value.length() > ALGORITHM.length() && !Character.isWhitespace(value.charAt(ALGORITHM.length())))) {
      throw new IllegalArgumentException("Unsupported authorization type; only " + ALGORITHM + " is accepted.");
    }
    Map<String, String> params = new TreeMap<>();
    for (String part : value.substring(ALGORITHM.length()).split(",")) {
      String p = part.strip();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("Authorization header parameter is malformed: '" + p + "'.");
      }
      params.put(p.substring(0, eq).strip(), p.substring(eq + 1).strip());
    }
    StringBuilder missing = new StringBuilder();
    for (String name : List.of("Credential", "Signature", "SignedHeaders")) {
      String v = params.get(name);
      if (v == null || v.isEmpty()) {
        missing.append("Authorization header requires '").append(name).append("' parameter. ");
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(missing.toString().strip());
    }
    String[] scope = params.get("Credential").split("/", -1);
    if (scope.length != 5 || scope[0].isEmpty()) {
      throw new IllegalArgumentException("Credential must have exactly 5 slash-delimited elements,"
          + " e.g. keyid/date/region/service/term, got '" + params.get("Credential") + "'");
    }
    if (scope[1].length() != 8 || !scope[1].chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("Credential has a malformed date: '" + scope[1] + "'");
    }
    String signature = params.get("Signature");
    if (signature.length() != 64 || !signature.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new IllegalArgumentException("Signature must be 64 hexadecimal digits.");
    }
    List<String> signedHeaders = new ArrayList<>();
    for (String h : params.get("SignedHeaders").split(";")) {
      if (!h.isBlank()) {
        signedHeaders.add(h.strip().toLowerCase(Locale.ROOT));
      }
    }
    if (signedHeaders.isEmpty()) {
      throw new IllegalArgumentException("Authorization header requires 'SignedHeaders' parameter.");
    }
    return new Authorization(scope[0], scope[1], scope[2], scope[3], scope[4], List.copyOf(signedHeaders), signature);
  }

  /** {@code X-Amz-Date} as sent, or the {@code Date} header in the same basic ISO-8601 form. */
  private static String requestDate(SignedRequest request) {
    String amzDate = first(request, "X-Amz-Date");
    if (amzDate != null && !amzDate.isBlank()) {
      return amzDate.strip();
    }
    String date = first(request, "Date");
    if (date == null || date.isBlank()) {
      return null;
    }
    try {
      return BASIC_DATE_TIME.format(ZonedDateTime.parse(date.strip(), DateTimeFormatter.RFC_1123_DATE_TIME));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The hex signature the request should carry, signed with {@code secret}. */
  static String signature(SignedRequest request, Authorization auth, String amzDate, String secret) {
    String scope = auth.date() + "/" + auth.region() + "/" + auth.service() + "/" + auth.terminator();
    String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n"
        + hex(sha256(canonicalRequest(request, auth.signedHeaders()).getBytes(StandardCharsets.UTF_8)));
    byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), auth.date());
    key = hmac(key, auth.region());
    key = hmac(key, auth.service());
    key = hmac(key, auth.terminator());
    return hex(hmac(key, stringToSign));
  }

  static String canonicalRequest(SignedRequest request, List<String> signedHeaders) {
    StringBuilder out = new StringBuilder();
    out.append(request.method().toUpperCase(Locale.ROOT)).append('\n');
    out.append(canonicalUri(request.rawPath())).append('\n');
    out.append(canonicalQuery(request.rawQuery())).append('\n');
    for (String name : signedHeaders) {
      out.append(name).append(':').append(canonicalHeaderValue(request.headers().apply(name))).append('\n');
    }
    out.append('\n');
    out.append(String.join(";", signedHeaders)).append('\n');
    out.append(payloadHash(request));
    return out.toString();
  }

  /** The path as sent, dot segments removed, encoded once more (DynamoDB is not S3). */
  static String canonicalUri(String rawPath) {
    if (rawPath == null || rawPath.isEmpty()) {
      return "/";
    }
    List<String> segments = new ArrayList<>();
    String[] parts = rawPath.split("/", -1);
    for (int i = 0; i < parts.length; i++) {
      String s = parts[i];
      if (s.equals(".")) {
        continue;
      }
      if (s.equals("..")) {
        if (segments.size() > 1) {
          segments.remove(segments.size() - 1);
        }
        continue;
      }
      segments.add(s);
    }
    String normalized = String.join("/", segments);
    if (!normalized.startsWith("/")) {
      normalized = "/" + normalized;
    }
    if ((rawPath.endsWith("/.") || rawPath.endsWith("/..")) && !normalized.endsWith("/")) {
      normalized = normalized + "/";
    }
    return encode(normalized, true);
  }

  static String canonicalQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String[]> pairs = new ArrayList<>();
    for (String part : rawQuery.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String name = eq < 0 ? part : part.substring(0, eq);
      String value = eq < 0 ? "" : part.substring(eq + 1);
      pairs.add(new String[] {encode(percentDecode(name), false), encode(percentDecode(value), false)});
    }
    pairs.sort((a, b) -> {
      int c = a[0].compareTo(b[0]);
      return c != 0 ? c : a[1].compareTo(b[1]);
    });
    StringBuilder out = new StringBuilder();
    for (String[] pair : pairs) {
      if (!out.isEmpty()) {
        out.append('&');
      }
      out.append(pair[0]).append('=').append(pair[1]);
    }
    return out.toString();
  }

  static String canonicalHeaderValue(List<String> values) {
    if (values == null || values.isEmpty()) {
      return "";
    }
    List<String> trimmed = new ArrayList<>(values.size());
    for (String v : values) {
      trimmed.add(v == null ? "" : v.strip().replaceAll("\\s+", " "));
    }
    return String.join(",", trimmed);
  }

  private static String payloadHash(SignedRequest request) {
    String declared = first(request, "x-amz-content-sha256");
    if (declared != null && !declared.isBlank()) {
      return declared.strip();
    }
    return hex(sha256(request.body()));
  }

  private static String first(SignedRequest request, String name) {
    List<String> values = request.headers().apply(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Percent-encodes all but the unreserved characters (and {@code /} when asked), upper-case hex. */
  static String encode(String s, boolean keepSlash) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length);
    for (byte b : bytes) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == '~' || (keepSlash && c == '/')) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  static String percentDecode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length()
          && Character.digit(s.charAt(i + 1), 16) >= 0 && Character.digit(s.charAt(i + 2), 16) >= 0) {
        out.write((Character.digit(s.charAt(i + 1), 16) << 4) | Character.digit(s.charAt(i + 2), 16));
        i += 3;
      } else {
        int cp = s.codePointAt(i);
        out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(cp);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data == null ? new byte[0] : data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }
}
