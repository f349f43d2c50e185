package org.labvault.dynamodb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.labvault.dynamodb.DynamoDb;

class SigV4VerifierTest {

  private static final String EXAMPLE_SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

  private static SigV4Verifier.SignedRequest request(String method, String path, String query,
      Map<String, List<String>> headers, String body) {
    Map<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    byName.putAll(headers);
    return new SigV4Verifier.SignedRequest(method, path, query, byName::get, body.getBytes(StandardCharsets.UTF_8));
  }

  /** The published Signature Version 4 test vector: GET with a query, a Date header and no body. */
  @Test
  void matchesThePublishedExample() {
    SigV4Verifier.SignedRequest request = request("GET", "/", "foo=Zoo&foo=aha",
        Map.of("Date", List.of("Mon, 09 Sep 2011 23:36:00 GMT"), "Host", List.of("host.foo.com")), "");
    List<String> signed = List.of("date", "host");

    String canonical = SigV4Verifier.canonicalRequest(request, signed);
    assertThat(canonical).isEqualTo("GET\n/\nfoo=Zoo&foo=aha\ndate:Mon, 09 Sep 2011 23:36:00 GMT\nhost:host.foo.com\n\n"
        + "date;host\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(SigV4Verifier.hex(SigV4Verifier.sha256(canonical.getBytes(StandardCharsets.UTF_8))))
        .isEqualTo("e25f777ba161a0f1baf778a87faf057187cf5987f17953320e3ca399feb5f00d");

    SigV4Verifier.Authorization auth = new SigV4Verifier.Authorization("AKIDEXAMPLE", "20110909", "us-east-1", "host",
        "aws4_request", signed, "");
    assertThat(SigV4Verifier.signature(request, auth, "20110909T233600Z", EXAMPLE_SECRET))
        .isEqualTo("be7148d34ebccdc6423b19085378aa0bee970bdc61d144bd1a8c48c33079ab09");
  }

  @Test
  void canonicalPiecesFollowTheRules() {
    assertThat(SigV4Verifier.canonicalUri(null)).isEqualTo("/");
    assertThat(SigV4Verifier.canonicalUri("")).isEqualTo("/");
    assertThat(SigV4Verifier.canonicalUri("/a/./b/../c")).isEqualTo("/a/c");
    // the path as sent is encoded once more
    assertThat(SigV4Verifier.canonicalUri("/base%20path/x~y")).isEqualTo("/base%2520path/x~y");
    assertThat(SigV4Verifier.canonicalQuery("b=2&a=%7e&a=1&c")).isEqualTo("a=1&a=~&b=2&c=");
    assertThat(SigV4Verifier.canonicalQuery("k=a%20b+c")).isEqualTo("k=a%20b%2Bc");
    assertThat(SigV4Verifier.canonicalHeaderValue(List.of("  a   b  ", "c"))).isEqualTo("a b,c");
    assertThat(SigV4Verifier.encode("é/ ", false)).isEqualTo("%C3%A9%2F%20");
    assertThat(SigV4Verifier.percentDecode("%C3%A9%zz%4")).isEqualTo("é%zz%4");
  }

  @Test
  void parsesTheAuthorizationHeader() {
    SigV4Verifier.Authorization auth = SigV4Verifier.parse("AWS4-HMAC-SHA256 Credential=AKID/20260101/eu-west-1/dynamodb/"
        + "aws4_request,SignedHeaders=Host;x-amz-date;x-amz-target , Signature=" + "ab".repeat(32));
    assertThat(auth.accessKeyId()).isEqualTo("AKID");
    assertThat(auth.date()).isEqualTo("20260101");
    assertThat(auth.region()).isEqualTo("eu-west-1");
    assertThat(auth.service()).isEqualTo("dynamodb");
    assertThat(auth.terminator()).isEqualTo("aws4_request");
    assertThat(auth.signedHeaders()).containsExactly("host", "x-amz-date", "x-amz-target");

    assertThatThrownBy(() -> SigV4Verifier.parse("Basic dXNlcjpwYXNz")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SigV4Verifier.parse("AWS4-HMAC-SHA256 Credential=AKID/20260101/dynamodb/aws4_request, "
        + "SignedHeaders=host, Signature=" + "0".repeat(64))).hasMessageContaining("5 slash-delimited");
    assertThatThrownBy(() -> SigV4Verifier.parse("AWS4-HMAC-SHA256 Credential=AKID/20260101/r/dynamodb/aws4_request, "
        + "SignedHeaders=host, Signature=xyz")).hasMessageContaining("64 hexadecimal");
  }

  @Test
  void aDeclaredPayloadHashIsUsedAndTheDateHeaderIsAFallback() {
    Credentials key = new Credentials("AKID", "s3cr3t");
    SigV4Verifier verifier = new SigV4Verifier(key);
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.put("Host", List.of("localhost:8000"));
    headers.put("Date", List.of("Thu, 01 Jan 2026 10:00:00 GMT"));
    headers.put("x-amz-content-sha256", List.of("UNSIGNED-PAYLOAD"));
    List<String> signed = List.of("date", "host", "x-amz-content-sha256");
    SigV4Verifier.SignedRequest request = new SigV4Verifier.SignedRequest("POST", "/", null, headers::get,
        "{\"anything\":1}".getBytes(StandardCharsets.UTF_8));
    SigV4Verifier.Authorization scope = new SigV4Verifier.Authorization("AKID", "20260101", "us-east-1", "dynamodb",
        "aws4_request", signed, "");
    String signature = SigV4Verifier.signature(request, scope, "20260101T100000Z", key.secretAccessKey());
    headers.put("Authorization", List.of("AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/dynamodb/aws4_request, "
        + "SignedHeaders=date;host;x-amz-content-sha256, Signature=" + signature));

    assertThat(verifier.verify(request)).isEmpty();
    assertThat(SigV4Verifier.canonicalRequest(request, signed)).endsWith("\nUNSIGNED-PAYLOAD");

    headers.put("Date", List.of("Fri, 02 Jan 2026 10:00:00 GMT"));
    Optional<DynamoDb.Response> refused = verifier.verify(request);
    assertThat(refused).hasValueSatisfying(r -> assertThat(new String(r.body(), StandardCharsets.UTF_8))
        .contains("InvalidSignatureException").contains("Date in Credential scope"));

    headers.remove("Date");
    assertThat(verifier.verify(request)).hasValueSatisfying(r -> assertThat(new String(r.body(), StandardCharsets.UTF_8))
        .contains("IncompleteSignatureException"));
  }

  @Test
  void aDeclaredPayloadHashMustMatchTheBody() {
    Credentials key = new Credentials("AKID", "s3cr3t");
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.put("Host", List.of("localhost:8000"));
    headers.put("X-Amz-Date", List.of("20260101T100000Z"));
    String hashOfOriginal = SigV4Verifier.hex(SigV4Verifier.sha256("{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
    headers.put("x-amz-content-sha256", List.of(hashOfOriginal));
    List<String> signed = List.of("host", "x-amz-content-sha256", "x-amz-date");
    SigV4Verifier.SignedRequest original = new SigV4Verifier.SignedRequest("POST", "/", null, headers::get,
        "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    SigV4Verifier.Authorization scope = new SigV4Verifier.Authorization("AKID", "20260101", "us-east-1", "dynamodb",
        "aws4_request", signed, "");
    String signature = SigV4Verifier.signature(original, scope, "20260101T100000Z", key.secretAccessKey());
    headers.put("Authorization", List.of("AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/dynamodb/aws4_request, "
        + "SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=" + signature));
    SigV4Verifier verifier = new SigV4Verifier(key);

    assertThat(verifier.verify(original)).isEmpty();
    SigV4Verifier.SignedRequest swapped = new SigV4Verifier.SignedRequest("POST", "/", null, headers::get,
        "{\"a\":2}".getBytes(StandardCharsets.UTF_8));
    assertThat(verifier.verify(swapped)).hasValueSatisfying(r -> assertThat(new String(r.body(), StandardCharsets.UTF_8))
        .contains("InvalidSignatureException").contains("x-amz-content-sha256"));
  }
}
