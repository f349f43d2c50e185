package org.labvault.shared.asset.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.labvault.shared.config.Config;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

class S3ObjectStoreTest {

  @Test
  void presignGet_shouldPinCachingTypeAndDisposition_whateverTheObjectWasStoredWith() {
    // given
    try (var presigner = S3Presigner.builder().region(Region.EU_WEST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
        .endpointOverride(URI.create("http://127.0.0.1:9000"))
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build()) {
      var store = new S3ObjectStore(null, presigner, Config.from(Map.of(Config.Names.DATA_BUCKET, "data")));
      // when
      String url = store.presignGet("assets/k", "v1", "run 42.csv", "text/csv", Duration.ofMinutes(5)).url();
      // then
      String query = URLDecoder.decode(URI.create(url).getRawQuery(), StandardCharsets.UTF_8);
      assertThat(query).contains("response-cache-control=private, no-store")
          .contains("response-content-type=text/csv")
          .contains("response-content-disposition=attachment; filename=\"run 42.csv\"; filename*=UTF-8''run%2042.csv");
    }
  }

  @Test
  void attachment_shouldKeepTheNameExactAndItsPlainFormInsideItsQuotes() {
    assertThat(S3ObjectStore.attachment("report \"final\".html"))
        .isEqualTo("attachment; filename=\"report _final_.html\"; filename*=UTF-8''report%20%22final%22.html");
    assertThat(S3ObjectStore.attachment("a\\b%41*\r\n.txt"))
        .isEqualTo("attachment; filename=\"a_b_41*__.txt\"; filename*=UTF-8''a%5Cb%2541%2A%0D%0A.txt");
    assertThat(S3ObjectStore.attachment("Messung µ-Ü.csv"))
        .isEqualTo("attachment; filename=\"Messung _-_.csv\"; filename*=UTF-8''Messung%20%C2%B5-%C3%9C.csv");
  }

  /**
   * An S3 endpoint in a lambda: it answers ListObjectVersions with {@code listing} and every other
   * request with 204 (a version named in {@code gone}: 404 NoSuchVersion, someone else removed it),
   * and remembers each request as "METHOD path?query".
   */
  private static software.amazon.awssdk.http.SdkHttpClient fakeS3(String listing, java.util.List<String> requests,
      java.util.Set<String> gone) {
    return new software.amazon.awssdk.http.SdkHttpClient() {
      @Override
      public software.amazon.awssdk.http.ExecutableHttpRequest prepareRequest(software.amazon.awssdk.http.HttpExecuteRequest request) {
        var http = request.httpRequest();
        String query = http.rawQueryParameters().entrySet().stream()
            .map(e -> e.getKey() + (e.getValue().isEmpty() || e.getValue().get(0) == null ? "" : "=" + e.getValue().get(0)))
            .sorted().collect(java.util.stream.Collectors.joining("&"));
        requests.add(http.method() + " " + http.encodedPath() + "?" + query);
        boolean list = http.rawQueryParameters().containsKey("versions");
        return new software.amazon.awssdk.http.ExecutableHttpRequest() {
          @Override
          public software.amazon.awssdk.http.HttpExecuteResponse call() {
            boolean missing = gone.stream().anyMatch(v -> query.contains("versionId=" + v));
            String answer = list ? listing : missing
                ? "<Error><Code>NoSuchVersion</Code><Message>The specified version does not exist.</Message></Error>" : null;
            var response = software.amazon.awssdk.http.SdkHttpResponse.builder()
                .statusCode(list ? 200 : missing ? 404 : 204).build();
            var body = answer != null ? java.util.Optional.of(software.amazon.awssdk.http.AbortableInputStream.create(
                new java.io.ByteArrayInputStream(answer.getBytes(StandardCharsets.UTF_8)))) : java.util.Optional.<software.amazon.awssdk.http.AbortableInputStream>empty();
            return software.amazon.awssdk.http.HttpExecuteResponse.builder().response(response).responseBody(body.orElse(null)).build();
          }

          @Override
          public void abort() {}
        };
      }

      @Override
      public void close() {}
    };
  }

  /** A listing by prefix: two versions and a delete marker of the key, one version of a key that extends it. */
  static final String LISTING = """
      <?xml version="1.0" encoding="UTF-8"?>
      <ListVersionsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
        <Name>data</Name><Prefix>assets/k</Prefix><IsTruncated>false</IsTruncated>
        <Version><Key>assets/k</Key><VersionId>v2</VersionId><IsLatest>true</IsLatest><Size>3</Size></Version>
        <Version><Key>assets/k</Key><VersionId>v1</VersionId><IsLatest>false</IsLatest><Size>3</Size></Version>
        <Version><Key>assets/k2</Key><VersionId>other</VersionId><IsLatest>true</IsLatest><Size>3</Size></Version>
        <DeleteMarker><Key>assets/k</Key><VersionId>m1</VersionId><IsLatest>false</IsLatest></DeleteMarker>
      </ListVersionsResult>
      """;

  /** deleteAllVersions("assets/k") over {@link #LISTING}, with the versions in {@code gone} removed by someone else. */
  static int deleteAllVersions(java.util.List<String> requests, java.util.Set<String> gone) {
    try (var s3 = software.amazon.awssdk.services.s3.S3Client.builder().region(Region.EU_WEST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
        .endpointOverride(URI.create("http://127.0.0.1:9000")).forcePathStyle(true)
        .httpClient(fakeS3(LISTING, requests, gone)).build()) {
      return new S3ObjectStore(s3, null, Config.from(Map.of(Config.Names.DATA_BUCKET, "data"))).deleteAllVersions("assets/k");
    }
  }

  @Test
  void deleteAllVersions_shouldRemoveEveryVersionAndMarkerOfTheKey_andNothingOfLongerKeys() {
    java.util.List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
    assertThat(deleteAllVersions(requests, java.util.Set.of())).isEqualTo(3);
    assertThat(requests.getFirst()).startsWith("GET /data?").contains("prefix=assets/k").contains("versions");
    assertThat(requests.subList(1, requests.size())).containsExactlyInAnyOrder(
        "DELETE /data/assets/k?versionId=v2", "DELETE /data/assets/k?versionId=v1", "DELETE /data/assets/k?versionId=m1");
  }

  @Test
  void deleteAllVersions_shouldNotFail_whenAnotherRemoverTookAVersionFirst() {
    // the asset's deletion and the fan-out that finishes it may race over the same versions
    java.util.List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
    assertThat(deleteAllVersions(requests, java.util.Set.of("v1"))).isEqualTo(2);
    assertThat(requests).hasSize(4);
  }
}
