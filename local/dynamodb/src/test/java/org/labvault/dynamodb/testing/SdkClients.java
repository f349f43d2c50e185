package org.labvault.dynamodb.testing;

import java.net.URI;
import org.labvault.dynamodb.DynamoDb;
import org.labvault.dynamodb.server.InProcessHttpClient;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** Real SDK clients on an engine in this process (no socket, no retries: every answer is seen). */
public final class SdkClients {

  private static final URI IN_PROCESS = URI.create("http://in-process");
  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

  private SdkClients() {}

  public static DynamoDbClient client(DynamoDb engine) {
    return DynamoDbClient.builder().httpClient(InProcessHttpClient.of(engine)).endpointOverride(IN_PROCESS)
        .region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  public static DynamoDbStreamsClient streams(DynamoDb engine) {
    return DynamoDbStreamsClient.builder().httpClient(InProcessHttpClient.of(engine)).endpointOverride(IN_PROCESS)
        .region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
        .build();
  }
}
