package org.labvault.dynamodb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.labvault.dynamodb.DynamoDb;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

class InProcessHttpClientTest {

  private static DynamoDbClient client(InProcessHttpClient http) {
    return DynamoDbClient.builder()
        .httpClient(http)
        .endpointOverride(URI.create("http://in-process"))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  @Test
  void theSdkReachesTheEngineWithoutASocket() {
    try (DynamoDb engine = DynamoDb.inMemory(); DynamoDbClient client = client(InProcessHttpClient.of(engine))) {
      DynamoDbException e = catchThrowableOfType(DynamoDbException.class,
          () -> client.describeTable(b -> b.tableName("missing")));
      // the engine's answer, whichever it is today: not a transport failure
      assertThat(e.statusCode()).isEqualTo(400);
      assertThat(e.awsErrorDetails().errorCode()).isIn("UnknownOperationException", "ResourceNotFoundException");
      assertThat(e.requestId()).matches("[A-Z0-9]{52}");
    }
  }

  @Test
  void successesAndModelledErrorsSurfaceAsTheSdkKnowsThem() {
    List<String> targets = Collections.synchronizedList(new ArrayList<>());
    InProcessHttpClient http = InProcessHttpClient.of((target, body) -> {
      targets.add(target);
      String json = new String(body, StandardCharsets.UTF_8);
      if (target.endsWith(".ListTables")) {
        return response(200, "{\"TableNames\":[\"a\",\"b\"],\"LastEvaluatedTableName\":\"b\"}");
      }
      if (json.contains("\"missing\"")) {
        return response(400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException\","
            + "\"message\":\"Requested resource not found\"}");
      }
      return response(500, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\"}");
    });
    try (DynamoDbClient client = client(http)) {
      assertThat(client.listTables().tableNames()).containsExactly("a", "b");

      ResourceNotFoundException notFound = catchThrowableOfType(ResourceNotFoundException.class,
          () -> client.describeTable(b -> b.tableName("missing")));
      assertThat(notFound.awsErrorDetails().errorMessage()).isEqualTo("Requested resource not found");
    }
    assertThat(targets).containsExactly("DynamoDB_20120810.ListTables", "DynamoDB_20120810.DescribeTable");
  }

  @Test
  void aLargeAnswerPassesTheSdksChecksum() {
    StringBuilder names = new StringBuilder("{\"TableNames\":[");
    for (int i = 0; i < 5000; i++) {
      names.append(i == 0 ? "" : ",").append("\"table-").append(i).append("-ü\"");
    }
    names.append("]}");
    InProcessHttpClient http = InProcessHttpClient.of((target, body) -> response(200, names.toString()));
    try (DynamoDbClient client = client(http)) {
      assertThat(client.listTables().tableNames()).hasSize(5000).contains("table-4999-ü");
    }
  }

  @Test
  void answersCarryTheServersHeaders() throws Exception {
    try (DynamoDb engine = DynamoDb.inMemory(); InProcessHttpClient http = InProcessHttpClient.of(engine)) {
      SdkHttpFullRequest request = SdkHttpFullRequest.builder()
          .method(SdkHttpMethod.POST)
          .uri(URI.create("http://in-process/"))
          .putHeader("X-Amz-Target", "DynamoDB_20120810.NoSuchThing")
          .build();
      HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
          .request(request)
          .contentStreamProvider(ContentStreamProvider.fromUtf8String("{}"))
          .build()).call();

      byte[] body = response.responseBody().orElseThrow().readAllBytes();
      CRC32 crc = new CRC32();
      crc.update(body);
      assertThat(response.httpResponse().statusCode()).isEqualTo(400);
      assertThat(new String(body, StandardCharsets.UTF_8)).contains("UnknownOperationException");
      assertThat(response.httpResponse().firstMatchingHeader("Content-Type")).contains("application/x-amz-json-1.0");
      assertThat(response.httpResponse().firstMatchingHeader("x-amz-crc32")).contains(Long.toString(crc.getValue()));
      assertThat(response.httpResponse().firstMatchingHeader("x-amzn-RequestId")).isPresent();
      assertThat(response.httpResponse().firstMatchingHeader("Content-Length")).contains(Integer.toString(body.length));
    }
  }

  @Test
  void aMissingTargetOrBodyIsStillAnAnswer() throws Exception {
    try (DynamoDb engine = DynamoDb.inMemory(); InProcessHttpClient http = InProcessHttpClient.of(engine)) {
      SdkHttpFullRequest request = SdkHttpFullRequest.builder()
          .method(SdkHttpMethod.POST)
          .uri(URI.create("http://in-process/"))
          .build();
      HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder().request(request).build()).call();
      assertThat(response.httpResponse().statusCode()).isEqualTo(400);
      assertThat(new String(response.responseBody().orElseThrow().readAllBytes(), StandardCharsets.UTF_8))
          .contains("com.amazon.coral.service#UnknownOperationException");
    }
  }

  private static DynamoDb.Response response(int status, String json) {
    return new DynamoDb.Response(status, json.getBytes(StandardCharsets.UTF_8));
  }
}
