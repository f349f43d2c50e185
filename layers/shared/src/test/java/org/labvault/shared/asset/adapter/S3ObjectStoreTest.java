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
}
