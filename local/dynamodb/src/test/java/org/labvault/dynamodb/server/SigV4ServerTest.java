package org.labvault.dynamodb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.labvault.dynamodb.DynamoDb;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** Signature checks as the real SDK meets them over HTTP. */
class SigV4ServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Credentials KEY = new Credentials("AKIDLABVAULT", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

  private final AtomicInteger reached = new AtomicInteger();
  private DynamoDbServer server;

  /** Answers ListTables with one table, so a request that gets through is plainly a success. */
  private DynamoDb.Response fake(String target, byte[] body) {
    reached.incrementAndGet();
    return new DynamoDb.Response(200, "{\"TableNames\":[\"signed\"]}".getBytes(StandardCharsets.UTF_8));
  }

  @AfterEach
  void tearDown() {
    if (server != null) {
      server.close();
    }
  }

  private DynamoDbClient client(URI endpoint, AwsCredentials credentials, Region region) {
    return DynamoDbClient.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .endpointOverride(endpoint)
        .region(region)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  private DynamoDbClient client(AwsCredentials credentials) {
    return client(server.endpoint(), credentials, Region.US_EAST_1);
  }

  private void startChecking() {
    server = DynamoDbServer.start(this::fake, ServerOptions.defaults().withCredentials(KEY));
  }

  @Test
  void theRightSecretGetsThrough() {
    startChecking();
    try (DynamoDbClient client = client(AwsBasicCredentials.create(KEY.accessKeyId(), KEY.secretAccessKey()))) {
      ListTablesResponse response = client.listTables();
      assertThat(response.tableNames()).containsExactly("signed");
      // a second call on the same (kept-alive) connection signs and passes too
      assertThat(client.listTables(b -> b.limit(5)).tableNames()).containsExactly("signed");
    }
    assertThat(reached).hasValue(2);
  }

  @Test
  void anyRegionInTheScopeIsAccepted() {
    startChecking();
    try (DynamoDbClient client = client(server.endpoint(),
        AwsBasicCredentials.create(KEY.accessKeyId(), KEY.secretAccessKey()), Region.EU_WEST_3)) {
      assertThat(client.listTables().tableNames()).containsExactly("signed");
    }
  }

  @Test
  void aSecurityTokenIsIgnored() {
    startChecking();
    try (DynamoDbClient client = client(
        AwsSessionCredentials.create(KEY.accessKeyId(), KEY.secretAccessKey(), "temporary-token"))) {
      assertThat(client.listTables().tableNames()).containsExactly("signed");
    }
  }

  @Test
  void anEndpointWithAPathAndOddCharactersStillVerifies() {
    startChecking();
    URI endpoint = URI.create(server.endpoint() + "/base%20path/x~y");
    try (DynamoDbClient client = client(endpoint,
        AwsBasicCredentials.create(KEY.accessKeyId(), KEY.secretAccessKey()), Region.US_EAST_1)) {
      assertThat(client.listTables().tableNames()).containsExactly("signed");
    }
  }

  @Test
  void aWrongSecretIsAnInvalidSignature() {
    startChecking();
    try (DynamoDbClient client = client(AwsBasicCredentials.create(KEY.accessKeyId(), "not-the-secret"))) {
      DynamoDbException e = catchThrowableOfType(DynamoDbException.class, client::listTables);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
      assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(
          "The request signature we calculated does not match the signature you provided. Check your AWS Secret"
              + " Access Key and signing method. Consult the service documentation for details.");
      assertThat(e.statusCode()).isEqualTo(400);
    }
    assertThat(reached).hasValue(0);
  }

  @Test
  void anUnknownKeyIsAnUnrecognizedClient() {
    startChecking();
    try (DynamoDbClient client = client(AwsBasicCredentials.create("AKIDSOMEONEELSE", KEY.secretAccessKey()))) {
      DynamoDbException e = catchThrowableOfType(DynamoDbException.class, client::listTables);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
      assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The security token included in the request is invalid.");
      assertThat(e.statusCode()).isEqualTo(400);
    }
    assertThat(reached).hasValue(0);
  }

  @Test
  void withoutConfiguredCredentialsAnyKeyIsAccepted() {
    server = DynamoDbServer.start(this::fake, ServerOptions.defaults());
    try (DynamoDbClient client = client(AwsBasicCredentials.create("whoever", "whatever"))) {
      assertThat(client.listTables().tableNames()).containsExactly("signed");
    }
  }

  @Test
  void anUnsignedRequestIsMissingItsToken() throws Exception {
    startChecking();
    HttpResponse<byte[]> response = rawPost(null);
    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("__type").asText()).isEqualTo("com.amazon.coral.service#MissingAuthenticationTokenException");
    assertThat(body.path("message").asText()).isEqualTo("Request is missing Authentication Token");
    assertThat(response.headers().firstValue("x-amz-crc32")).isPresent();
    assertThat(reached).hasValue(0);
  }

  @Test
  void anUnsignedRequestPassesWhenNothingIsChecked() throws Exception {
    server = DynamoDbServer.start(this::fake, ServerOptions.defaults());
    assertThat(rawPost(null).statusCode()).isEqualTo(200);
  }

  @Test
  void aMalformedAuthorizationIsAnIncompleteSignature() throws Exception {
    server = DynamoDbServer.start(this::fake, ServerOptions.defaults());
    HttpResponse<byte[]> response = rawPost("AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/dynamodb/aws4_request");
    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("__type").asText()).isEqualTo("com.amazon.coral.service#IncompleteSignatureException");
    assertThat(body.path("message").asText()).contains("'Signature'").contains("'SignedHeaders'");
    assertThat(reached).hasValue(0);
  }

  @Test
  void aScopeForAnotherServiceIsRefused() throws Exception {
    startChecking();
    String auth = "AWS4-HMAC-SHA256 Credential=" + KEY.accessKeyId() + "/20260101/us-east-1/s3/aws4_request, "
        + "SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64);
    HttpResponse<byte[]> response = rawPost(auth, "20260101T000000Z");
    assertThat(JSON.readTree(response.body()).path("__type").asText())
        .isEqualTo("com.amazon.coral.service#InvalidSignatureException");
  }

  @Test
  void aTamperedBodyIsAnInvalidSignature() throws Exception {
    startChecking();
    // sign one body, send another
    SigV4Verifier.SignedRequest signed = new SigV4Verifier.SignedRequest("POST", "/", null,
        name -> switch (name.toLowerCase()) {
          case "host" -> java.util.List.of("127.0.0.1:" + server.port());
          case "x-amz-date" -> java.util.List.of("20260101T000000Z");
          default -> null;
        }, "{\"Limit\":1}".getBytes(StandardCharsets.UTF_8));
    SigV4Verifier.Authorization auth = new SigV4Verifier.Authorization(KEY.accessKeyId(), "20260101", "us-east-1",
        "dynamodb", "aws4_request", java.util.List.of("host", "x-amz-date"), "");
    String signature = SigV4Verifier.signature(signed, auth, "20260101T000000Z", KEY.secretAccessKey());
    String header = "AWS4-HMAC-SHA256 Credential=" + KEY.accessKeyId() + "/20260101/us-east-1/dynamodb/aws4_request, "
        + "SignedHeaders=host;x-amz-date, Signature=" + signature;

    HttpResponse<byte[]> good = send(header, "20260101T000000Z", "{\"Limit\":1}");
    assertThat(good.statusCode()).isEqualTo(200);
    HttpResponse<byte[]> bad = send(header, "20260101T000000Z", "{\"Limit\":2}");
    assertThat(JSON.readTree(bad.body()).path("__type").asText())
        .isEqualTo("com.amazon.coral.service#InvalidSignatureException");
    assertThat(reached).hasValue(1);
  }

  private HttpResponse<byte[]> rawPost(String authorization) throws Exception {
    return rawPost(authorization, null);
  }

  private HttpResponse<byte[]> rawPost(String authorization, String amzDate) throws Exception {
    return send(authorization, amzDate, "{}");
  }

  private HttpResponse<byte[]> send(String authorization, String amzDate, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.endpoint().resolve("/"))
        .header("X-Amz-Target", "DynamoDB_20120810.ListTables")
        .header("Content-Type", "application/x-amz-json-1.0")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (amzDate != null) {
      request.header("X-Amz-Date", amzDate);
    }
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void streamsRequestsAreSignedForDynamodbToo() {
    AtomicInteger streamsCalls = new AtomicInteger();
    server = DynamoDbServer.start((target, body) -> {
      if (target.equals("DynamoDBStreams_20120810.ListStreams")) {
        streamsCalls.incrementAndGet();
      }
      return new DynamoDb.Response(200, "{\"Streams\":[]}".getBytes(StandardCharsets.UTF_8));
    }, ServerOptions.defaults().withCredentials(KEY));
    try (DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .endpointOverride(server.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(KEY.accessKeyId(), KEY.secretAccessKey())))
        .build()) {
      assertThat(streams.listStreams().streams()).isEmpty();
    }
    assertThat(streamsCalls).hasValue(1);
  }
}
