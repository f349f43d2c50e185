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
}
