package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.labvault.local.testing.HttpApi;
import org.labvault.local.testing.StackExtension;
import org.labvault.local.testing.Uploads;
import org.labvault.shared.asset.adapter.S3ObjectStore;
import org.labvault.shared.config.Config;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Assets over HTTP, with uploads and downloads sent by a plain HTTP client to the presigned URLs,
 * as any client would: alice (acme) holds the group, bob (acme) reads in it, dave (acme) is in no
 * group of hers, carol belongs to another tenant.
 */
class AssetsE2ET {

  @RegisterExtension static final StackExtension STACK = new StackExtension();
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static HttpApi api;
  static Uploads uploads;
  static String alice;
  static String bob;
  static String carol;
  static String dave;
  static String group;

  @BeforeAll
  static void users() {
    api = STACK.api();
    uploads = new Uploads(api);
    alice = api.token("alice", "acme");
    bob = api.token("bob", "acme");
    carol = api.token("carol", "globex");
    dave = api.token("dave", "acme");
    group = api.createGroup(alice, "assay lab");
    api.addMember(alice, group, "bob", bob, "READ_ONLY");
  }

  // ---- helpers

  static String sha256(byte[] bytes) {
    return Uploads.sha256(bytes);
  }

  static String declaration(String name, byte[] bytes, String classification) {
    return Uploads.declaration(name, bytes, classification);
  }

  static JsonNode declare(String token, String groupId, String name, byte[] bytes, String classification) {
    return uploads.declare(token, groupId, name, bytes, classification);
  }

  static HttpResponse<String> put(String url, Map<String, String> headers, byte[] body) throws Exception {
    return Uploads.put(url, headers, body);
  }

  static Map<String, String> headersOf(JsonNode upload) {
    return Uploads.headersOf(upload);
  }

  static JsonNode awaitStatus(String assetId, String status) throws InterruptedException {
    return uploads.awaitStatus(alice, assetId, status);
  }

  /** The asset stays PENDING_UPLOAD: no event arrived that could change it (a second is plenty locally). */
  static void assertStillPending(String assetId) throws InterruptedException {
    Thread.sleep(1000);
    assertThat(api.get("/assets/" + assetId, alice).json().path("status").asText()).isEqualTo("PENDING_UPLOAD");
    assertThat(api.get("/assets/" + assetId + "/download", alice).problemCode()).isEqualTo("NOT_AVAILABLE");
  }

  static byte[] bytes(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  static byte[] download(String url) throws Exception {
    var res = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(res.statusCode()).isEqualTo(200);
    return res.body();
  }

  static String uploaded(String name, byte[] content, String classification) throws Exception {
    JsonNode created = declare(alice, group, name, content, classification);
    assertThat(put(created.at("/upload/url").asText(), headersOf(created.path("upload")), content).statusCode()).isEqualTo(200);
    String assetId = created.path("assetId").asText();
    awaitStatus(assetId, "AVAILABLE");
    return assetId;
  }

  static String objectKey(String groupId, String assetId) {
    return "assets/acme/" + groupId + "/" + assetId;
  }

  static String dataBucket() {
    return STACK.stack().model().buckets().get("DataBucket").bucketName();
  }

  // ---- the happy path

  @Test
  void uploadThenDownload_shouldGiveBackTheSameBytes() throws Exception {
    byte[] content = "plate reader run 42\n".getBytes(StandardCharsets.UTF_8);
    JsonNode created = declare(alice, group, "run-42.csv", content, null);
    assertThat(created.path("status").asText()).isEqualTo("PENDING_UPLOAD");
    JsonNode upload = created.path("upload");
    assertThat(upload.path("method").asText()).isEqualTo("PUT");
    assertThat(headersOf(upload)).containsEntry("x-amz-server-side-encryption", "AES256")
        .containsEntry("x-amz-checksum-sha256", sha256(content))
        .containsEntry("content-length", String.valueOf(content.length));
    assertThat(upload.path("url").asText()).contains("X-Amz-Expires=900").doesNotContain("run-42");
    assertThat(Instant.parse(upload.path("expiresAt").asText())).isBetween(Instant.now().plusSeconds(880), Instant.now().plusSeconds(901));

    var stored = put(upload.path("url").asText(), headersOf(upload), content);
    assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
    assertThat(stored.headers().firstValue("x-amz-server-side-encryption")).contains("AES256");

    String assetId = created.path("assetId").asText();
    JsonNode asset = awaitStatus(assetId, "AVAILABLE");
    assertThat(asset.path("classification").asText()).isEqualTo("CONFIDENTIAL");
    assertThat(asset.path("createdBy").asText()).isEqualTo("alice");
    assertThat(asset.path("sizeBytes").asLong()).isEqualTo(content.length);
    assertThat(asset.has("objectKey")).isFalse();

    var link = api.get("/assets/" + assetId + "/download", bob); // READ_ONLY may download
    assertThat(link.status()).as(link.body()).isEqualTo(200);
    assertThat(Instant.parse(link.json().path("expiresAt").asText())).isBetween(Instant.now().plusSeconds(280), Instant.now().plusSeconds(301));
    assertThat(download(link.json().path("url").asText())).isEqualTo(content);

    var listed = api.get("/groups/" + group + "/assets", bob);
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.json().path("items").findValuesAsText("assetId")).contains(assetId);
    var checks = api.postJson("/permissions/check", bob, "{\"checks\":[{\"resource\":\"asset:" + assetId + "\",\"action\":\"assets:read\"},"
        + "{\"resource\":\"asset:" + assetId + "\",\"action\":\"assets:write\"}]}");
    assertThat(checks.json().path("results").findValuesAsText("allowed")).containsExactly("true", "false");
    assertThat(checks.json().path("results").get(0).path("role").asText()).isEqualTo("READ_ONLY");
  }

  @Test
  void list_shouldBeNewestFirstAndPagedAndFilteredByStatus() throws Exception {
    String g = api.createGroup(alice, "paging lab");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(declare(alice, g, "f" + i, bytes(10, i), null).path("assetId").asText());
      Thread.sleep(2); // ids are time-ordered to the millisecond
    }
    var first = api.get("/groups/" + g + "/assets?limit=2", alice).json();
    assertThat(first.path("items").findValuesAsText("assetId")).containsExactly(ids.get(2), ids.get(1));
    var second = api.get("/groups/" + g + "/assets?limit=2&nextToken=" + first.path("nextToken").asText(), alice).json();
    assertThat(second.path("items").findValuesAsText("assetId")).containsExactly(ids.get(0));
    assertThat(second.has("nextToken")).isFalse();
    assertThat(api.get("/groups/" + g + "/assets?status=AVAILABLE", alice).json().path("items")).isEmpty();
    assertThat(api.get("/groups/" + g + "/assets?status=DELETED", alice).json().path("items")).isEmpty();
    assertThat(api.get("/groups/" + g + "/assets?status=GONE", alice).problemCode()).isEqualTo("VALIDATION");
    // another group's token is refused, not followed
    assertThat(api.get("/groups/" + group + "/assets?nextToken=" + first.path("nextToken").asText(), alice).status()).isEqualTo(400);
  }

  @Test
  void downloadLifetime_shouldFollowTheClassification() throws Exception {
    String assetId = uploaded("public.txt", bytes(5, 7), "PUBLIC");
    var link = api.get("/assets/" + assetId + "/download", alice).json();
    assertThat(Instant.parse(link.path("expiresAt").asText())).isBetween(Instant.now().plusSeconds(880), Instant.now().plusSeconds(901));
    var patched = api.send("PATCH", "/assets/" + assetId, alice, "{\"classification\":\"SECRET\",\"name\":\"secret.txt\"}", "application/json");
    assertThat(patched.status()).as(patched.body()).isEqualTo(200);
    assertThat(patched.json().path("name").asText()).isEqualTo("secret.txt");
    link = api.get("/assets/" + assetId + "/download", alice).json();
    assertThat(Instant.parse(link.path("expiresAt").asText())).isBetween(Instant.now().plusSeconds(50), Instant.now().plusSeconds(61));
    assertThat(link.path("url").asText()).contains("X-Amz-Expires=60");
  }

  // ---- what S3 itself refuses: nothing of it ever becomes AVAILABLE

  /**
   * Declares 64 bytes and PUTs them to the upload URL as {@code headers} and {@code body} change
   * the request: S3 must answer {@code status}, and the asset stays pending. Answers S3's body.
   */
  static String refusedByS3(long seed, java.util.function.UnaryOperator<Map<String, String>> headers,
      java.util.function.UnaryOperator<byte[]> body, int status) throws Exception {
    byte[] content = bytes(64, seed);
    JsonNode created = declare(alice, group, "a.bin", content, null);
    var res = put(created.at("/upload/url").asText(), headers.apply(headersOf(created.path("upload"))), body.apply(content));
    assertThat(res.statusCode()).as(res.body()).isEqualTo(status);
    assertStillPending(created.path("assetId").asText());
    return res.body();
  }

  @Test
  void wrongBytes_shouldBeRefusedByS3() throws Exception {
    assertThat(refusedByS3(1, h -> h, b -> bytes(64, 2), 400)).contains("BadDigest");
  }

  @Test
  void wrongSize_shouldBeRefusedByS3() throws Exception {
    refusedByS3(3, h -> h, b -> java.util.Arrays.copyOf(b, 65), 403);
  }

  @Test
  void missingEncryptionHeader_shouldBeRefusedByS3() throws Exception {
    refusedByS3(4, h -> {
      h.remove("x-amz-server-side-encryption");
      return h;
    }, b -> b, 403);
  }

  // ---- the data bucket's public access block and ownership controls, as S3 enforces them

  static HttpResponse<String> anonymousGet(String key) throws Exception {
    URI url = URI.create(STACK.stack().s3Endpoint() + "/" + dataBucket() + "/" + key);
    return HTTP.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void anAclHeaderAddedToTheUploadUrl_shouldBeRefusedAndNothingBecomesPublic() throws Exception {
    // given an upload URL, sent with exactly its headers plus a public ACL
    byte[] content = bytes(64, 21);
    JsonNode created = declare(alice, group, "public.bin", content, null);
    String assetId = created.path("assetId").asText();
    Map<String, String> headers = headersOf(created.path("upload"));
    headers.put("x-amz-acl", "public-read");
    // when
    var res = put(created.at("/upload/url").asText(), headers, content);
    // then S3 refuses it as it refuses every header the URL's signature does not cover
    assertThat(res.statusCode()).as(res.body()).isEqualTo(403);
    assertThat(res.body()).contains("<Code>AccessDenied</Code>").contains("headers present in the request which were not signed");
    assertStillPending(assetId);
    var anonymous = anonymousGet(objectKey(group, assetId));
    assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(403);
    assertThat(anonymous.body()).contains("<Code>AccessDenied</Code>");
  }

  @Test
  void aSignedRequestThatSetsAnAcl_shouldBeRefusedAsTheBucketDisablesAcls() throws Exception {
    String assetId = uploaded("acl.bin", bytes(32, 22), null);
    String key = objectKey(group, assetId);
    try (var s3 = STACK.stack().s3Client()) {
      var refusals = List.<Runnable>of(
          () -> s3.putObject(r -> r.bucket(dataBucket()).key(key + "-acl").serverSideEncryption(ServerSideEncryption.AES256)
              .acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("x")),
          () -> s3.putObject(r -> r.bucket(dataBucket()).key(key + "-grant").serverSideEncryption(ServerSideEncryption.AES256)
              .grantRead("uri=\"http://acs.amazonaws.com/groups/global/AllUsers\""), RequestBody.fromString("x")),
          () -> s3.putObjectAcl(r -> r.bucket(dataBucket()).key(key).acl(ObjectCannedACL.PUBLIC_READ)),
          () -> s3.putBucketAcl(r -> r.bucket(dataBucket()).acl(BucketCannedACL.PUBLIC_READ)));
      for (Runnable refused : refusals) {
        assertThatThrownBy(refused::run).isInstanceOfSatisfying(S3Exception.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessControlListNotSupported");
          assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The bucket does not allow ACLs");
        });
      }
      // nothing was stored under the refused keys
      assertThatThrownBy(() -> s3.headObject(r -> r.bucket(dataBucket()).key(key + "-acl")))
          .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }
    var anonymous = anonymousGet(key);
    assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(403);
    assertThat(anonymous.body()).contains("<Code>AccessDenied</Code>");
  }

  @Test
  void aCacheControlStoredWithTheObject_shouldBeOverriddenByTheDownloadUrl() throws Exception {
    // given an upload that also sends (unsigned) headers telling caches and browsers how to serve it
    byte[] content = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
    JsonNode created = declare(alice, group, "report \\\"final\\\".html", content, null); // JSON-escaped quotes
    Map<String, String> headers = headersOf(created.path("upload"));
    headers.put("Cache-Control", "public, max-age=31536000");
    headers.put("Content-Disposition", "inline");
    var stored = put(created.at("/upload/url").asText(), headers, content);
    assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
    String assetId = created.path("assetId").asText();
    awaitStatus(assetId, "AVAILABLE");
    // when
    String url = api.get("/assets/" + assetId + "/download", bob).json().path("url").asText();
    var res = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    // then the URL's pinned headers win over the stored ones
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.body()).isEqualTo(content);
    assertThat(res.headers().firstValue("Cache-Control")).contains("private, no-store");
    assertThat(res.headers().firstValue("Content-Type")).contains("application/octet-stream");
    assertThat(res.headers().firstValue("Content-Disposition"))
        .contains("attachment; filename=\"report _final_.html\"; filename*=UTF-8''report%20%22final%22.html");
  }

  @Test
  void tamperedUrl_shouldBeRefusedByS3() throws Exception {
    byte[] content = bytes(64, 5);
    JsonNode created = declare(alice, group, "a.bin", content, null);
    String assetId = created.path("assetId").asText();
    String url = created.at("/upload/url").asText();
    // the same signature for another key (an asset id of the client's choosing)
    String otherKey = url.replace(assetId, UUID.randomUUID().toString());
    assertThat(put(otherKey, headersOf(created.path("upload")), content).statusCode()).isEqualTo(403);
    // a longer life than was signed
    assertThat(put(url.replace("X-Amz-Expires=900", "X-Amz-Expires=9000"), headersOf(created.path("upload")), content).statusCode())
        .isEqualTo(403);
    assertStillPending(assetId);
  }

  @Test
  void expiredUrl_shouldBeRefusedByS3() throws Exception {
    byte[] content = bytes(64, 6);
    JsonNode created = declare(alice, group, "a.bin", content, null);
    String assetId = created.path("assetId").asText();
    var stack = STACK.stack();
    // the asset's own upload, signed by the function's own adapter, but with a one-second life
    try (var s3 = stack.s3Client(); var presigner = S3Presigner.builder().region(Region.of(LocalStack.REGION))
        .credentialsProvider(s3.serviceClientConfiguration().credentialsProvider()).endpointOverride(stack.s3Endpoint())
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build()) {
      var signer = new S3ObjectStore(s3, presigner, Config.from(Map.of(Config.Names.DATA_BUCKET, dataBucket())));
      var signed = signer.presignPut(objectKey(group, assetId), content.length, sha256(content), "application/octet-stream",
          Duration.ofSeconds(1));
      Thread.sleep(2100);
      var res = put(signed.url(), signed.headers(), content);
      assertThat(res.statusCode()).as(res.body()).isEqualTo(403);
      assertThat(res.body()).contains("expired");
    }
    assertStillPending(assetId);
  }

  // ---- what the verifier refuses when S3's own check is bypassed

  @Test
  void bytesPutPastTheUploadUrl_shouldBeRejectedAndRemoved() throws Exception {
    byte[] content = bytes(64, 8);
    JsonNode created = declare(alice, group, "a.bin", content, null);
    String assetId = created.path("assetId").asText();
    String key = objectKey(group, assetId);
    try (var s3 = STACK.stack().s3Client()) {
      // an insider with bucket credentials writes other bytes of the declared size, no checksum
      String version = s3.putObject(r -> r.bucket(dataBucket()).key(key).serverSideEncryption(ServerSideEncryption.AES256),
          RequestBody.fromBytes(bytes(64, 9))).versionId();
      JsonNode asset = awaitStatus(assetId, "REJECTED");
      assertThat(asset.path("status").asText()).isEqualTo("REJECTED");
      assertThat(api.get("/assets/" + assetId + "/download", alice).problemCode()).isEqualTo("NOT_AVAILABLE");
      awaitGone(s3, key, version);
      // the right bytes, later, through the URL: the asset stays REJECTED and the bytes are removed
      var late = put(created.at("/upload/url").asText(), headersOf(created.path("upload")), content);
      assertThat(late.statusCode()).isEqualTo(200);
      awaitGone(s3, key, late.headers().firstValue("x-amz-version-id").orElseThrow());
      assertThat(api.get("/assets/" + assetId, alice).json().path("status").asText()).isEqualTo("REJECTED");
    }
  }

  @Test
  void anObjectWithNoAsset_shouldBeRemoved() throws Exception {
    String key = objectKey(group, UUID.randomUUID().toString());
    try (var s3 = STACK.stack().s3Client()) {
      String version = s3.putObject(r -> r.bucket(dataBucket()).key(key).serverSideEncryption(ServerSideEncryption.AES256),
          RequestBody.fromString("nobody declared me")).versionId();
      awaitGone(s3, key, version);
    }
  }

  @Test
  void aRepeatedEvent_shouldChangeNothing() throws Exception {
    byte[] content = bytes(100, 10);
    String assetId = uploaded("twice.bin", content, null);
    String key = objectKey(group, assetId);
    try (var s3 = STACK.stack().s3Client()) {
      String version = s3.headObject(r -> r.bucket(dataBucket()).key(key)).versionId();
      String event = """
          {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1","eventName":"ObjectCreated:Put",
          "s3":{"bucket":{"name":"%s"},"object":{"key":"%s","size":%d,"versionId":"%s"}}}]}"""
          .formatted(dataBucket(), key, content.length, version);
      for (int i = 0; i < 2; i++) {
        var res = api.postJson("/local/invoke/UploadEventsFunction", null, event);
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.header("X-Amz-Function-Error")).isNull();
      }
      assertThat(api.get("/assets/" + assetId, alice).json().path("status").asText()).isEqualTo("AVAILABLE");
      assertThat(s3.headObject(r -> r.bucket(dataBucket()).key(key).versionId(version)).contentLength()).isEqualTo(content.length);
      assertThat(download(api.get("/assets/" + assetId + "/download", alice).json().path("url").asText())).isEqualTo(content);
    }
  }

  static void awaitGone(software.amazon.awssdk.services.s3.S3Client s3, String key, String version) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      try {
        s3.headObject(r -> r.bucket(dataBucket()).key(key).versionId(version));
      } catch (S3Exception e) {
        if (e.statusCode() == 404) {
          return;
        }
        throw e;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(key + " version " + version + " was not removed");
  }

  // ---- multipart

  /** PUTs each part of {@code content} to its URL; answers the body that completes the upload. */
  static String putParts(JsonNode upload, byte[] content) throws Exception {
    long partSize = upload.path("partSizeBytes").asLong();
    StringBuilder done = new StringBuilder("{\"parts\":[");
    for (JsonNode part : upload.path("parts")) {
      int n = part.path("partNumber").asInt();
      int from = (int) ((n - 1) * partSize);
      byte[] slice = java.util.Arrays.copyOfRange(content, from, (int) Math.min(content.length, from + partSize));
      var res = put(part.path("url").asText(), Map.of(), slice);
      assertThat(res.statusCode()).as("part " + n + ": " + res.body()).isEqualTo(200);
      String etag = res.headers().firstValue("ETag").orElseThrow().replace("\"", "");
      done.append(n == 1 ? "" : ",").append("{\"partNumber\":").append(n).append(",\"etag\":\"").append(etag).append("\"}");
    }
    return done.append("]}").toString();
  }

  @Test
  void multipart_justAboveTheThreshold_shouldUploadInPartsAndVerify() throws Exception {
    byte[] content = bytes(100 * 1024 * 1024 + 1, 11);
    JsonNode created = declare(alice, group, "big.raw", content, "INTERNAL");
    JsonNode upload = created.path("upload");
    assertThat(upload.path("multipart").asBoolean()).isTrue();
    long partSize = upload.path("partSizeBytes").asLong();
    assertThat(partSize).isEqualTo(5L * 1024 * 1024);
    JsonNode parts = upload.path("parts");
    assertThat(parts).hasSize(21);
    String assetId = created.path("assetId").asText();
    assertThat(api.postJson("/assets/" + assetId + "/complete", alice, "{\"parts\":[{\"partNumber\":1,\"etag\":\"x\"}]}").problemCode())
        .isEqualTo("VALIDATION");

    String body = putParts(upload, content);
    var completed = api.postJson("/assets/" + assetId + "/complete", alice, body);
    assertThat(completed.status()).as(completed.body()).isEqualTo(200);
    JsonNode asset = awaitStatus(assetId, "AVAILABLE");
    assertThat(asset.path("sizeBytes").asLong()).isEqualTo(content.length);
    // completing again is harmless
    assertThat(api.postJson("/assets/" + assetId + "/complete", alice, body).status()).isEqualTo(200);
    byte[] back = download(api.get("/assets/" + assetId + "/download", bob).json().path("url").asText());
    assertThat(sha256(back)).isEqualTo(sha256(content));
  }

  /** The upload id a part URL names. */
  static String uploadIdOf(JsonNode upload) {
    String url = upload.path("parts").get(0).path("url").asText();
    String id = url.replaceAll(".*[?&]uploadId=([^&]+).*", "$1");
    return java.net.URLDecoder.decode(id, java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void multipart_completedWithPartsS3DoesNotHave_shouldBe400NamingThem_andStayOpen() throws Exception {
    byte[] content = bytes(100 * 1024 * 1024 + 1, 13);
    JsonNode created = declare(alice, group, "early.raw", content, null);
    JsonNode upload = created.path("upload");
    String assetId = created.path("assetId").asText();
    StringBuilder madeUp = new StringBuilder("{\"parts\":[");
    for (int n = 1; n <= 21; n++) {
      madeUp.append(n == 1 ? "" : ",").append("{\"partNumber\":").append(n).append(",\"etag\":\"made-up-").append(n).append("\"}");
    }
    madeUp.append("]}");

    // before any part: every part is unknown to S3, and the upload stays open
    var early = api.postJson("/assets/" + assetId + "/complete", alice, madeUp.toString());
    assertThat(early.status()).as(early.body()).isEqualTo(400);
    assertThat(early.problemCode()).isEqualTo("VALIDATION");
    assertThat(early.json().path("detail").asText()).startsWith("parts:").startsWith("parts: S3 holds no parts 1, 2, 3,").contains(", 21 ");

    // the parts land; one of them is then named with another part's ETag
    String body = putParts(upload, content);
    JsonNode parts = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
    String etag2 = parts.path("parts").get(1).path("etag").asText();
    String etag3 = parts.path("parts").get(2).path("etag").asText();
    String swapped = body.replace("\"etag\":\"" + etag2 + "\"", "\"etag\":\"" + etag3 + "\"");
    var wrong = api.postJson("/assets/" + assetId + "/complete", alice, swapped);
    assertThat(wrong.status()).as(wrong.body()).isEqualTo(400);
    assertThat(wrong.json().path("detail").asText()).startsWith("parts: S3 holds no part 2 with the ETag given;");
    assertThat(api.get("/assets/" + assetId, alice).json().path("status").asText()).isEqualTo("PENDING_UPLOAD");

    // the right ETags complete it
    var completed = api.postJson("/assets/" + assetId + "/complete", alice, body);
    assertThat(completed.status()).as(completed.body()).isEqualTo(200);
    assertThat(awaitStatus(assetId, "AVAILABLE").path("sizeBytes").asLong()).isEqualTo(content.length);
  }

  @Test
  void multipart_whoseUploadWasAborted_shouldBe409UploadClosed() throws Exception {
    byte[] content = bytes(100 * 1024 * 1024 + 1, 14);
    JsonNode created = declare(alice, group, "aborted.raw", content, null);
    String assetId = created.path("assetId").asText();
    try (var s3 = STACK.stack().s3Client()) {
      s3.abortMultipartUpload(r -> r.bucket(dataBucket()).key(objectKey(group, assetId)).uploadId(uploadIdOf(created.path("upload"))));
    }
    StringBuilder all = new StringBuilder("{\"parts\":[");
    for (int n = 1; n <= 21; n++) {
      all.append(n == 1 ? "" : ",").append("{\"partNumber\":").append(n).append(",\"etag\":\"e").append(n).append("\"}");
    }
    var res = api.postJson("/assets/" + assetId + "/complete", alice, all.append("]}").toString());
    assertThat(res.status()).as(res.body()).isEqualTo(409);
    assertThat(res.problemCode()).isEqualTo("UPLOAD_CLOSED");
  }

  @Test
  void multipart_withPartsOfOtherBytes_shouldBeRejected() throws Exception {
    byte[] declared = bytes(100 * 1024 * 1024 + 1, 12);
    JsonNode created = declare(alice, group, "tampered.raw", declared, null);
    JsonNode upload = created.path("upload");
    byte[] sent = declared.clone();
    sent[sent.length / 2] ^= 1; // one flipped bit; S3 cannot know, the verifier must
    String assetId = created.path("assetId").asText();
    assertThat(api.postJson("/assets/" + assetId + "/complete", alice, putParts(upload, sent)).status()).isEqualTo(200);
    awaitStatus(assetId, "REJECTED");
    assertThat(api.postJson("/assets/" + assetId + "/complete", alice, "{\"parts\":[]}").status()).isIn(400, 409);
  }

  // ---- who may do what

  @Test
  void aReadOnlyMember_cannotCreateOrChangeAssets() throws Exception {
    String assetId = uploaded("ro.txt", bytes(8, 13), null);
    var create = api.postJson("/groups/" + group + "/assets", bob, declaration("x", bytes(8, 14), null));
    assertThat(create.status()).isEqualTo(403);
    assertThat(create.problemCode()).isEqualTo("FORBIDDEN");
    var patch = api.send("PATCH", "/assets/" + assetId, bob, "{\"name\":\"mine\"}", "application/json");
    assertThat(patch.status()).isEqualTo(403);
    assertThat(api.postJson("/assets/" + assetId + "/complete", bob, "{\"parts\":[]}").status()).isEqualTo(403);
    assertThat(api.get("/assets/" + assetId, alice).json().path("name").asText()).isEqualTo("ro.txt");
  }

  @Test
  void nonMembers_getNothingOnEveryAssetRoute() throws Exception {
    String assetId = uploaded("private.txt", bytes(8, 15), null);
    for (String stranger : List.of(dave, carol)) {
      Map<String, HttpApi.Answer> answers = new LinkedHashMap<>();
      answers.put("POST assets", api.postJson("/groups/" + group + "/assets", stranger, declaration("x", bytes(8, 16), null)));
      answers.put("GET assets", api.get("/groups/" + group + "/assets", stranger));
      answers.put("GET asset", api.get("/assets/" + assetId, stranger));
      answers.put("PATCH asset", api.send("PATCH", "/assets/" + assetId, stranger, "{\"name\":\"mine\"}", "application/json"));
      answers.put("GET download", api.get("/assets/" + assetId + "/download", stranger));
      answers.put("POST complete", api.postJson("/assets/" + assetId + "/complete", stranger, "{\"parts\":[{\"partNumber\":1,\"etag\":\"e\"}]}"));
      answers.forEach((route, answer) -> {
        assertThat(answer.status()).as(route + " " + answer.body()).isEqualTo(404);
        assertThat(answer.problemCode()).as(route).isEqualTo("NOT_FOUND");
        assertThat(answer.body()).as(route).doesNotContain(assetId).doesNotContain("private");
      });
      var check = api.postJson("/permissions/check", stranger, "{\"checks\":[{\"resource\":\"asset:" + assetId + "\",\"action\":\"assets:read\"}]}");
      assertThat(check.json().at("/results/0/allowed").asBoolean()).isFalse();
      assertThat(check.json().at("/results/0/role").isNull()).isTrue();
    }
    assertThat(api.get("/assets/" + assetId, alice).json().path("name").asText()).isEqualTo("private.txt");
  }

  @Test
  void aRemovedMember_losesTheAssetsOnTheVeryNextRequest() throws Exception {
    String assetId = uploaded("shared.txt", bytes(8, 19), null);
    String erin = api.token("erin", "acme");
    api.addMember(alice, group, "erin", erin, "EDIT");
    assertThat(api.get("/assets/" + assetId + "/download", erin).status()).isEqualTo(200);
    assertThat(api.send("DELETE", "/groups/" + group + "/members/erin", alice, null, null).status()).isEqualTo(204);
    assertThat(api.get("/assets/" + assetId, erin).status()).isEqualTo(404);
    assertThat(api.get("/assets/" + assetId + "/download", erin).status()).isEqualTo(404);
    assertThat(api.postJson("/groups/" + group + "/assets", erin, declaration("x", bytes(8, 20), null)).status()).isEqualTo(404);
  }

  @Test
  void anotherTenant_cannotDownloadByGuessingAnId() throws Exception {
    String assetId = uploaded("guess.txt", bytes(8, 17), "PUBLIC");
    var guessed = api.get("/assets/" + assetId + "/download", carol);
    var unknown = api.get("/assets/" + UUID.randomUUID() + "/download", carol);
    assertThat(guessed.status()).isEqualTo(404);
    // the same answer as for an id that names nothing: existence is not leaked
    assertThat(guessed.json().path("detail").asText()).isEqualTo(unknown.json().path("detail").asText());
    assertThat(guessed.body()).doesNotContain("http");
  }

  @Test
  void aGroupWithAssets_cannotBeDeleted() throws Exception {
    String g = api.createGroup(alice, "busy lab");
    declare(alice, g, "pending.bin", bytes(4, 18), null);
    var res = api.send("DELETE", "/groups/" + g, alice, null, null);
    assertThat(res.status()).isEqualTo(409);
    assertThat(res.problemCode()).isEqualTo("GROUP_NOT_EMPTY");
    assertThat(api.get("/groups/" + g, alice).status()).isEqualTo(200);
  }

  // ---- validation

  @Test
  void badDeclarations_shouldBe400sNamingTheField() {
    String sha = sha256(new byte[] {1});
    Map<String, String> bodies = new LinkedHashMap<>();
    bodies.put("name", "{\"name\":\"" + "n".repeat(256) + "\",\"contentType\":\"text/plain\",\"sizeBytes\":1,\"sha256\":\"" + sha + "\"}");
    bodies.put("name ", "{\"name\":\"a\\u0007b\",\"contentType\":\"text/plain\",\"sizeBytes\":1,\"sha256\":\"" + sha + "\"}");
    bodies.put("sizeBytes", "{\"name\":\"a\",\"contentType\":\"text/plain\",\"sizeBytes\":0,\"sha256\":\"" + sha + "\"}");
    bodies.put("sizeBytes ", "{\"name\":\"a\",\"contentType\":\"text/plain\",\"sizeBytes\":5497558138881,\"sha256\":\"" + sha + "\"}");
    bodies.put("sizeBytes  ", "{\"name\":\"a\",\"contentType\":\"text/plain\",\"sizeBytes\":1.5,\"sha256\":\"" + sha + "\"}");
    bodies.put("sizeBytes   ", "{\"name\":\"a\",\"contentType\":\"text/plain\",\"sizeBytes\":\"12\",\"sha256\":\"" + sha + "\"}");
    bodies.put("sha256", "{\"name\":\"a\",\"contentType\":\"text/plain\",\"sizeBytes\":1,\"sha256\":\"" + Base64.getEncoder().encodeToString(new byte[31]) + "\"}");
    bodies.put("sha256 ", "{\"name\":\"a\",\"contentType\":\"text/plain\",\"sizeBytes\":1,\"sha256\":\"not base64!\"}");
    bodies.put("classification", "{\"name\":\"a\",\"contentType\":\"text/plain\",\"sizeBytes\":1,\"sha256\":\"" + sha + "\",\"classification\":\"TOP\"}");
    bodies.put("contentType", "{\"name\":\"a\",\"contentType\":\"text\",\"sizeBytes\":1,\"sha256\":\"" + sha + "\"}");
    bodies.put("objectKey", "{\"name\":\"a\",\"contentType\":\"text/plain\",\"sizeBytes\":1,\"sha256\":\"" + sha + "\",\"objectKey\":\"../x\"}");
    bodies.forEach((field, body) -> {
      var res = api.postJson("/groups/" + group + "/assets", alice, body);
      assertThat(res.status()).as(field + ": " + res.body()).isEqualTo(400);
      assertThat(res.problemCode()).isEqualTo("VALIDATION");
      assertThat(res.json().path("detail").asText()).as(field).contains(field.strip());
    });
  }
}
