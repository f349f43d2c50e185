package org.labvault.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labvault.local.testing.Stacks;
import org.labvault.shared.json.Json;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.s3.S3Client;

/** stack.json is all a client needs: endpoints that answer, credentials, and every resource's name. */
class StackJsonE2ET {

  @TempDir Path state;

  @Test
  void stackJson_shouldListOnlyListeningEndpoints_andNameEveryTableAndBucketOfTheTemplate() throws Exception {
    // given
    try (LocalStack stack = Stacks.start(state)) {
      // when
      JsonNode info = Json.instance().mapper().readTree(Files.readString(state.resolve("stack.json")));

      // then: the endpoints are the engines', and each one accepts a connection
      Map<String, URI> endpoints = new LinkedHashMap<>();
      info.fieldNames().forEachRemaining(name -> {
        if (name.endsWith("Endpoint")) {
          endpoints.put(name, URI.create(info.path(name).asText()));
        }
      });
      assertThat(endpoints).containsOnlyKeys("dynamodbEndpoint", "s3Endpoint", "sqsEndpoint", "snsEndpoint", "mqttEndpoint");
      assertThat(endpoints.get("mqttEndpoint").getScheme()).isEqualTo("mqtts");
      assertThat(info.path("caCertPem").asText()).as("what instruments verify the broker with")
          .isEqualTo(stack.ca().certificatePem());
      for (var e : endpoints.entrySet()) {
        assertThat(e.getValue().getHost()).as(e.getKey()).isEqualTo("127.0.0.1");
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress(e.getValue().getHost(), e.getValue().getPort()), 2000);
        }
      }

      // and: every table and bucket of the template, by logical id, exists under the name given
      JsonNode resources = info.path("resources");
      List<String> ids = new ArrayList<>();
      resources.fieldNames().forEachRemaining(ids::add);
      assertThat(ids).containsExactlyInAnyOrder("DataTable", "DataBucket", "BackupBucket", "SampleElnTable",
          "AssetEventsTopic", "FanoutFailuresQueue", "BackupFailuresQueue", "SampleElnQueue", "SampleElnDeadLetterQueue",
          "InstrumentIngestFailuresQueue", "AuditDigestKey", "AuditDigestKeyAlias", "AlarmsTopic", "MonitorFailuresQueue",
          "TrailBucket");
      // and: what only AWS runs is named as such, not left to be looked for
      assertThat(info.path("awsSide").path("AccountTrail").asText()).isEqualTo("AWS::CloudTrail::Trail");
      assertThat(info.path("awsSide").path("TrailBucketPolicy").asText()).isEqualTo("AWS::S3::BucketPolicy");
      assertThat(info.path("awsSide").has("TrailBucket")).as("every bucket of the template is made locally").isFalse();
      assertThat(resources.path("AuditDigestKey").asText()).startsWith("arn:aws:kms:us-east-1:000000000000:key/");
      assertThat(resources.path("AssetEventsTopic").asText()).startsWith("arn:aws:sns:us-east-1:000000000000:");
      assertThat(resources.path("AlarmsTopic").asText()).startsWith("arn:aws:sns:us-east-1:000000000000:");
      assertThat(resources.path("SampleElnQueue").asText()).startsWith("https://sqs.us-east-1.amazonaws.com/000000000000/");
      assertThat(resources.path("DataTable").asText()).isEqualTo(stack.model().tables().get("DataTable").tableName());
      assertThat(resources.path("DataBucket").asText()).isEqualTo(stack.model().buckets().get("DataBucket").bucketName());
      var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(
          info.path("accessKeyId").asText(), info.path("secretAccessKey").asText()));
      Region region = Region.of(info.path("region").asText());
      try (var dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).region(region)
              .credentialsProvider(credentials).endpointOverride(endpoints.get("dynamodbEndpoint")).build();
          var s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(region)
              .credentialsProvider(credentials).endpointOverride(endpoints.get("s3Endpoint")).forcePathStyle(true).build()) {
        assertThat(dynamo.describeTable(r -> r.tableName(resources.path("DataTable").asText())).table().tableStatus())
            .isEqualTo(TableStatus.ACTIVE);
        for (String bucket : List.of("DataBucket", "BackupBucket")) {
          s3.headBucket(r -> r.bucket(resources.path(bucket).asText())); // throws NoSuchBucketException if absent
        }
      }
    }
  }
}
