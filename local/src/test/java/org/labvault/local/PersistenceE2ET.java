package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labvault.local.testing.HttpApi;
import org.labvault.local.testing.Stacks;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** Metadata and objects survive a restart together; --fresh wipes both. */
class PersistenceE2ET {

  @TempDir Path state;

  private static List<String> messages(HttpApi api) {
    List<String> out = new java.util.ArrayList<>();
    api.get("/notifications?limit=100", api.token("alice", "acme")).json().path("items")
        .forEach(i -> out.add(i.path("message").asText()));
    return out;
  }

  @Test
  void tablesAndObjectsSurviveARestart_andFreshWipesBoth() throws Exception {
    String message = "kept " + UUID.randomUUID();
    byte[] bytes = ("instrument reading " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
    String bucket;
    try (LocalStack first = Stacks.start(state); var s3 = first.s3Client()) {
      assertThat(first.persistent()).as(String.valueOf(first.ephemeralReason())).isTrue();
      var api = new HttpApi(first.api());
      String operator = api.token("op", "platform", "operators");
      assertThat(api.postJson("/ops/notifications", operator,
          "{\"message\":\"" + message + "\",\"severity\":\"INFO\",\"endsAt\":\""
              + java.time.Instant.now().plusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "\"}").status())
          .isEqualTo(201);
      bucket = first.model().buckets().get("DataBucket").bucketName();
      s3.putObject(r -> r.bucket(bucket).key("t/g/a1").serverSideEncryption(ServerSideEncryption.AES256),
          RequestBody.fromBytes(bytes));
    }

    try (LocalStack second = Stacks.start(state); var s3 = second.s3Client()) {
      assertThat(messages(new HttpApi(second.api()))).contains(message);
      var object = s3.getObjectAsBytes(r -> r.bucket(bucket).key("t/g/a1"));
      assertThat(object.asByteArray()).isEqualTo(bytes);
      assertThat(object.response().serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
      assertThat(s3.getBucketVersioning(r -> r.bucket(bucket)).statusAsString()).isEqualTo("Enabled");
    }

    try (LocalStack fresh = LocalStack.start(Stacks.options(state).withFresh(true)); var s3 = fresh.s3Client()) {
      assertThat(messages(new HttpApi(fresh.api()))).doesNotContain(message);
      assertThatThrownBy(() -> s3.getObjectAsBytes(r -> r.bucket(bucket).key("t/g/a1")))
          .isInstanceOf(NoSuchKeyException.class);
    }
  }

  @Test
  void theBucketPolicyRefusesOtherEncryption_andDefaultEncryptionSealsTheRest() throws Exception {
    try (LocalStack stack = Stacks.start(state); var s3 = stack.s3Client()) {
      String bucket = stack.model().buckets().get("DataBucket").bucketName();
      // repeated, without retries: a refusal sent before the client's body was read lost the answer
      // now and then (the SDK saw a broken write, and its retries hid it until they ran out)
      var info = org.labvault.shared.json.Json.instance().mapper().readTree(java.nio.file.Files.readString(state.resolve("stack.json")));
      try (var once = software.amazon.awssdk.services.s3.S3Client.builder()
          .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
          .region(software.amazon.awssdk.regions.Region.of(info.path("region").asText()))
          .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
              software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                  info.path("accessKeyId").asText(), info.path("secretAccessKey").asText())))
          .endpointOverride(stack.s3Endpoint()).forcePathStyle(true)
          .overrideConfiguration(o -> o.retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()))
          .build()) {
        for (int i = 0; i < 20; i++) {
          assertThatThrownBy(() -> once.putObject(r -> r.bucket(bucket).key("kms").serverSideEncryption(ServerSideEncryption.AWS_KMS),
              RequestBody.fromString("x".repeat(64 * 1024))))
              .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        }
      }
      assertThatThrownBy(() -> s3.createMultipartUpload(r -> r.bucket(bucket).key("kms-mpu").serverSideEncryption(ServerSideEncryption.AWS_KMS)))
          .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
      s3.putObject(r -> r.bucket(bucket).key("sealed").serverSideEncryption(ServerSideEncryption.AES256), RequestBody.fromString("x"));
      assertThat(s3.headObject(r -> r.bucket(bucket).key("sealed")).serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
      s3.putObject(r -> r.bucket(bucket).key("by-default"), RequestBody.fromString("x"));
      assertThat(s3.headObject(r -> r.bucket(bucket).key("by-default")).serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
    }
  }

  @Test
  void aSecondStackCannotShareTheStateDirectory() throws Exception {
    try (LocalStack first = Stacks.start(state)) {
      assertThatThrownBy(() -> Stacks.start(state)).hasMessageContaining("another LabVault local stack is using");
      assertThat(new HttpApi(first.api()).get("/health", null).status()).isEqualTo(200);
    }
  }

  @Test
  void aForeignDirectoryIsNeverWiped(@TempDir Path elsewhere) throws Exception {
    java.nio.file.Files.writeString(elsewhere.resolve("thesis.tex"), "precious");
    assertThatThrownBy(() -> LocalStack.start(Stacks.options(elsewhere).withFresh(true)))
        .hasMessageContaining("is not a LabVault state directory");
    assertThat(elsewhere.resolve("thesis.tex")).hasContent("precious");
  }
}
