package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labvault.local.testing.HttpApi;
import org.labvault.local.testing.Stacks;

/** /health names the dependency that went down. */
class HealthOutageE2ET {

  @TempDir Path state;

  @Test
  void healthAnswers503NamingS3_whenTheS3ServerStops() throws Exception {
    try (LocalStack stack = Stacks.start(state)) {
      var api = new HttpApi(stack.api());
      assertThat(api.get("/health", null).status()).isEqualTo(200);
      // when
      stack.stopS3();
      // then
      var health = api.get("/health", null);
      assertThat(health.status()).isEqualTo(503);
      assertThat(health.problemCode()).isEqualTo("DEPENDENCY_UNAVAILABLE");
      assertThat(health.json().path("detail").asText()).isEqualTo("s3 unreachable");
      assertThat(health.json().path("dependencies").path("dynamodb").asText()).isEqualTo("ok");
      assertThat(health.json().path("dependencies").path("s3").asText()).isEqualTo("unavailable");
    }
  }

  @Test
  void aRouteThatNeedsS3Answers503_notA500_andStoresNothing() throws Exception {
    try (LocalStack stack = Stacks.start(state)) {
      var api = new HttpApi(stack.api());
      String alice = api.token("alice", "acme");
      String group = api.createGroup(alice, "outage lab");
      stack.stopS3();
      // above 100 MiB the upload is multipart, and opening it asks S3
      var declared = api.postJson("/groups/" + group + "/assets", alice, "{\"name\":\"big.raw\",\"contentType\":"
          + "\"application/octet-stream\",\"sizeBytes\":209715200,\"sha256\":\"" + "A".repeat(43) + "=\"}");
      assertThat(declared.status()).as(declared.body()).isEqualTo(503);
      assertThat(declared.problemCode()).isEqualTo("DEPENDENCY_UNAVAILABLE");
      assertThat(declared.body()).doesNotContain("127.0.0.1").doesNotContain("Exception");
      assertThat(api.get("/groups/" + group + "/assets", alice).json().path("items")).isEmpty();
    }
  }
}
