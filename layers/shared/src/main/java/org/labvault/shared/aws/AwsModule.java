package org.labvault.shared.aws;

import dagger.Module;
import dagger.Provides;
import java.time.Duration;
import javax.inject.Singleton;
import org.labvault.shared.config.Config;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.defaultsmode.DefaultsMode;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileFileSystemSetting;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * SDK clients, built once per execution environment with the URL-connection HTTP client, an
 * explicit region, credentials and timeouts. The endpoint override comes from {@link Config} (the
 * local stack sets it); nothing else differs between AWS and the local stack.
 */
@Module
public final class AwsModule {

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(5);
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(8);
  static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(3);

  private AwsModule() {}

  @Provides
  @Singleton
  static SdkHttpClient httpClient() {
    return UrlConnectionHttpClient.builder()
        .connectionTimeout(CONNECT_TIMEOUT)
        .socketTimeout(SOCKET_TIMEOUT)
        .build();
  }

  /**
   * The execution role's credentials. Lambda puts them in the environment; with SnapStart it serves
   * them from the container endpoint instead, so they are never frozen into a snapshot.
   */
  @Provides
  @Singleton
  static AwsCredentialsProvider credentials(Config config) {
    var keyId = config.optional(Config.Names.AWS_ACCESS_KEY_ID);
    if (keyId.isEmpty()) {
      return new RestorableCredentials(() -> ContainerCredentialsProvider.builder().build());
    }
    String secret = config.require(Config.Names.AWS_SECRET_ACCESS_KEY);
    return StaticCredentialsProvider.create(
        config
            .optional(Config.Names.AWS_SESSION_TOKEN)
            .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(
                token -> AwsSessionCredentials.create(keyId.get(), secret, token))
            .orElseGet(() -> AwsBasicCredentials.create(keyId.get(), secret)));
  }

  @Provides
  @Singleton
  static Region region(Config config) {
    return Region.of(config.region());
  }

  /** No shared config or credentials file is read: everything a client needs is set here. */
  private static final ProfileFile NO_PROFILE = ProfileFile.builder()
      .content("").type(ProfileFile.Type.CONFIGURATION).build();

  /**
   * What every client of the functions is built with, beside its HTTP client, credentials and region:
   * timeouts, the retry mode and no profile file, so that building one looks nothing up in the
   * environment, in files or at the instance metadata service. The retry and defaults modes are the
   * SDK's own defaults (DynamoDB keeps its 8 retries), named here instead of looked up.
   */
  public static ClientOverrideConfiguration settings() {
    return ClientOverrideConfiguration.builder()
        .apiCallTimeout(CALL_TIMEOUT)
        .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
        .retryStrategy(RetryMode.LEGACY)
        .defaultProfileFileSupplier(() -> NO_PROFILE)
        .defaultProfileName(ProfileFileSystemSetting.AWS_PROFILE.defaultValue())
        .build();
  }

  /** A client builder with everything explicit; the endpoint only where the local stack overrides it. */
  static <B extends AwsSyncClientBuilder<B, ?> & AwsClientBuilder<B, ?>> B explicit(B builder, String service,
      SdkHttpClient http, AwsCredentialsProvider credentials, Region region, Config config) {
    builder.httpClient(http);
    builder.credentialsProvider(credentials).region(region).defaultsMode(DefaultsMode.LEGACY);
    builder.overrideConfiguration(settings());
    config.endpointOverride(service).ifPresent(builder::endpointOverride);
    return builder;
  }

  @Provides
  @Singleton
  static DynamoDbClient dynamoDb(
      SdkHttpClient http, AwsCredentialsProvider credentials, Region region, Config config) {
    // the table is addressed by its regional endpoint; discovery would add a call and its classes
    return explicit(DynamoDbClient.builder(), "dynamodb", http, credentials, region, config)
        .endpointDiscoveryEnabled(false)
        .build();
  }

  @Provides
  @Singleton
  static S3Client s3(
      SdkHttpClient http, AwsCredentialsProvider credentials, Region region, Config config) {
    // an overridden endpoint is a single host: buckets go in the path
    return explicit(S3Client.builder(), "s3", http, credentials, region, config)
        .forcePathStyle(config.endpointOverride("s3").isPresent())
        .build();
  }

  /** Signs upload and download URLs with the function's own credentials; no call leaves the process. */
  @Provides
  @Singleton
  static S3Presigner s3Presigner(AwsCredentialsProvider credentials, Region region, Config config) {
    var endpoint = config.endpointOverride("s3");
    var builder =
        S3Presigner.builder()
            .credentialsProvider(credentials)
            .region(region)
            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(endpoint.isPresent()).build());
    endpoint.ifPresent(builder::endpointOverride);
    return builder.build();
  }

  /** The asset-events topic's publisher (deletion notices to registered applications). */
  @Provides
  @Singleton
  static SnsClient sns(SdkHttpClient http, AwsCredentialsProvider credentials, Region region, Config config) {
    return explicit(SnsClient.builder(), "sns", http, credentials, region, config).build();
  }

  @Provides
  @Singleton
  static IotClient iot(SdkHttpClient http, AwsCredentialsProvider credentials, Region region, Config config) {
    return explicit(IotClient.builder(), "iot", http, credentials, region, config).build();
  }

  /** Signs the audit digests and serves the public key that verifies them. */
  @Provides
  @Singleton
  static KmsClient kms(SdkHttpClient http, AwsCredentialsProvider credentials, Region region, Config config) {
    return explicit(KmsClient.builder(), "kms", http, credentials, region, config).build();
  }
}
