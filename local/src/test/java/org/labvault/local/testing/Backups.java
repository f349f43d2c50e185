package org.labvault.local.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.labvault.local.LocalStack;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** What the backup tests do on the local stack: verified uploads, their copies, and time moved by the data. */
public final class Backups {

  static final Duration COPIED = Duration.ofSeconds(30);

  private final LocalStack stack;
  private final HttpApi api;
  private final Uploads uploads;
  private final DynamoDbClient dynamo;
  private final S3Client s3;

  /** Clients made here live as long as the stack the test class runs. */
  public Backups(LocalStack stack, HttpApi api) {
    this.stack = stack;
    this.api = api;
    this.uploads = new Uploads(api);
    this.dynamo = stack.dynamoDbClient();
    this.s3 = stack.s3Client();
  }

  public S3Client s3() {
    return s3;
  }

  public DynamoDbClient dynamo() {
    return dynamo;
  }

  /** {@code size} random bytes, the same for the same seed. */
  public static byte[] random(int size, long seed) {
    byte[] content = new byte[size];
    new java.util.Random(seed).nextBytes(content);
    return content;
  }

  public String bucket(String logicalId) {
    return stack.model().buckets().get(logicalId).bucketName();
  }

  public String table() {
    return stack.model().tables().get("DataTable").tableName();
  }

  /** Uploads {@code content} as a new asset and waits until it is AVAILABLE. */
  public String uploadAvailable(String token, String groupId, String name, byte[] content) throws Exception {
    JsonNode created = uploads.declare(token, groupId, name, content, null);
    assertThat(Uploads.put(created.at("/upload/url").asText(), Uploads.headersOf(created.path("upload")), content)
        .statusCode()).isEqualTo(200);
    String assetId = created.path("assetId").asText();
    uploads.awaitStatus(token, assetId, "AVAILABLE");
    return assetId;
  }

  /** The asset's object key (the same in the data and the backup bucket). */
  public String objectKey(String assetId) {
    return dynamo.getItem(r -> r.tableName(table()).key(assetKey(assetId)).consistentRead(true))
        .item().get("objectKey").s();
  }

  /** Waits until the asset's backup copy is recorded and returns its bytes. */
  public byte[] awaitCopy(String assetId) {
    await().atMost(COPIED).pollInterval(Duration.ofMillis(200)).until(() -> dynamo
        .getItem(r -> r.tableName(table()).key(assetKey(assetId)).consistentRead(true)).item().containsKey("backupVersionId"));
    return read("BackupBucket", objectKey(assetId)).orElseThrow().asByteArray();
  }

  public Optional<ResponseBytes<GetObjectResponse>> read(String bucketLogicalId, String key) {
    try {
      return Optional.of(s3.getObjectAsBytes(r -> r.bucket(bucket(bucketLogicalId)).key(key)));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Every version and delete marker under {@code key} in the backup bucket. */
  public int backupVersions(String key) {
    var listing = s3.listObjectVersions(r -> r.bucket(bucket("BackupBucket")).prefix(key));
    return (int) (listing.versions().stream().filter(v -> v.key().equals(key)).count()
        + listing.deleteMarkers().stream().filter(m -> m.key().equals(key)).count());
  }

  /** Deletes the asset through the API. */
  public void delete(String token, String assetId) {
    var deleted = api.send("DELETE", "/assets/" + assetId, token, null, null);
    assertThat(deleted.status()).as(deleted.body()).isEqualTo(202);
  }

  /** Moves the asset's deletion back in time, as if it had happened {@code ago} before now. */
  public void deletedAgo(String assetId, Duration ago) {
    dynamo.updateItem(r -> r.tableName(table()).key(assetKey(assetId))
        .updateExpression("SET deletedAt = :at")
        .expressionAttributeValues(Map.of(":at", AttributeValue.fromS(Instant.now().minus(ago).toString()))));
  }

  /** The alarms stored today of {@code type}. */
  public List<Map<String, AttributeValue>> alarms(String type) {
    String today = Instant.now().toString().substring(0, 10);
    return dynamo.query(r -> r.tableName(table()).keyConditionExpression("pk = :day")
            .expressionAttributeValues(Map.of(":day", AttributeValue.fromS("ALARMS#" + today))).consistentRead(true))
        .items().stream().filter(i -> type.equals(i.get("alarmType").s())).toList();
  }

  private static Map<String, AttributeValue> assetKey(String assetId) {
    return Map.of("pk", AttributeValue.fromS("ASSET#" + assetId), "sk", AttributeValue.fromS("META"));
  }
}
