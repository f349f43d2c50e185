package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labvault.local.testing.Stacks;
import org.labvault.shared.json.Json;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The stack's DynamoDB endpoint is LabVault's own engine: it answers only the stack's credentials,
 * refusing others as DynamoDB does, and what the functions wrote survives a restart of the stack.
 */
class DynamoDbEndpointE2ET {

  @TempDir Path state;

  private static DynamoDbClient client(JsonNode info, String key, String secret) {
    return DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create())
        .region(Region.of(info.path("region").asText()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
        .endpointOverride(URI.create(info.path("dynamodbEndpoint").asText()))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  @Test
  void onlyTheStacksCredentialsAreAnswered() throws Exception {
    try (LocalStack stack = Stacks.start(state)) {
      JsonNode info = Json.instance().mapper().readTree(Files.readString(state.resolve("stack.json")));
      String key = info.path("accessKeyId").asText();
      String secret = info.path("secretAccessKey").asText();
      String table = info.path("resources").path("DataTable").asText();

      try (DynamoDbClient wrongKey = client(info, "AKIDNOTTHESTACKS", secret);
          DynamoDbClient wrongSecret = client(info, key, secret + "x");
          DynamoDbClient right = client(info, key, secret)) {
        AwsServiceException unknown = catchThrowableOfType(AwsServiceException.class,
            () -> wrongKey.scan(r -> r.tableName(table)));
        assertThat(unknown.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
        assertThat(unknown.statusCode()).isEqualTo(400);

        AwsServiceException forged = catchThrowableOfType(AwsServiceException.class,
            () -> wrongSecret.scan(r -> r.tableName(table)));
        assertThat(forged.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");

        right.putItem(r -> r.tableName(table).item(Map.of("pk", AttributeValue.fromS("probe"), "sk", AttributeValue.fromS("1"))));
        assertThat(right.getItem(r -> r.tableName(table)
            .key(Map.of("pk", AttributeValue.fromS("probe"), "sk", AttributeValue.fromS("1")))).hasItem()).isTrue();
      }
    }
  }
}
