package org.labvault.shared.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.labvault.shared.config.Config;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class AwsModuleTest {

  @Test
  void credentials_shouldUseTheEnvironmentKeysWithTheSessionToken() {
    var provider = AwsModule.credentials(Config.from(Map.of(
        "AWS_ACCESS_KEY_ID", "AKID", "AWS_SECRET_ACCESS_KEY", "secret", "AWS_SESSION_TOKEN", "token")));
    assertThat(provider).isInstanceOf(StaticCredentialsProvider.class);
    assertThat(provider.resolveCredentials()).isInstanceOf(AwsSessionCredentials.class);
    assertThat(((AwsSessionCredentials) provider.resolveCredentials()).sessionToken()).isEqualTo("token");
  }

  @Test
  void credentials_shouldUseTheContainerEndpoint_whenTheEnvironmentHasNoKeys() {
    // SnapStart: credentials come from the container endpoint, fetched again in every restored copy
    assertThat(AwsModule.credentials(Config.from(Map.of()))).isInstanceOf(RestorableCredentials.class)
        .extracting("current").isInstanceOf(ContainerCredentialsProvider.class);
  }

  @Test
  void s3_shouldAddressBucketsInThePath_onlyWhenTheEndpointIsOverridden() {
    Map<String, String> aws = Map.of("AWS_REGION", "eu-central-1", "AWS_ACCESS_KEY_ID", "a", "AWS_SECRET_ACCESS_KEY", "b");
    Map<String, String> local = new java.util.HashMap<>(aws);
    local.put("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9000");
    try (var http = AwsModule.httpClient()) {
      var inAws = AwsModule.s3(http, AwsModule.credentials(Config.from(aws)), AwsModule.region(Config.from(aws)), Config.from(aws));
      var onLocal = AwsModule.s3(http, AwsModule.credentials(Config.from(local)), AwsModule.region(Config.from(local)), Config.from(local));
      assertThat(inAws.serviceClientConfiguration().endpointOverride()).isEmpty();
      assertThat(onLocal.serviceClientConfiguration().endpointOverride()).isPresent();
      assertThat(inAws.serviceClientConfiguration().region().id()).isEqualTo("eu-central-1");
    }
  }

  @Test
  void sns_shouldTakeTheRegionAndTheEndpointOverrideOfTheConfiguration() {
    Map<String, String> local = Map.of("AWS_REGION", "eu-central-1", "AWS_ACCESS_KEY_ID", "a", "AWS_SECRET_ACCESS_KEY", "b",
        "AWS_ENDPOINT_URL_SNS", "http://127.0.0.1:9911");
    Config config = Config.from(local);
    try (var http = AwsModule.httpClient();
        var sns = AwsModule.sns(http, AwsModule.credentials(config), AwsModule.region(config), config)) {
      assertThat(sns.serviceClientConfiguration().endpointOverride()).contains(java.net.URI.create("http://127.0.0.1:9911"));
      assertThat(sns.serviceClientConfiguration().region().id()).isEqualTo("eu-central-1");
    }
  }

  @Test
  void kms_shouldTakeTheRegionAndTheEndpointOverrideOfTheConfiguration() {
    Map<String, String> local = Map.of("AWS_REGION", "eu-central-1", "AWS_ACCESS_KEY_ID", "a", "AWS_SECRET_ACCESS_KEY", "b",
        "AWS_ENDPOINT_URL_KMS", "http://127.0.0.1:9912");
    Config config = Config.from(local);
    try (var http = AwsModule.httpClient();
        var kms = AwsModule.kms(http, AwsModule.credentials(config), AwsModule.region(config), config)) {
      assertThat(kms.serviceClientConfiguration().endpointOverride()).contains(java.net.URI.create("http://127.0.0.1:9912"));
      assertThat(kms.serviceClientConfiguration().region().id()).isEqualTo("eu-central-1");
    }
  }
}
