package org.labvault.dynamodb.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.labvault.dynamodb.engine.Engines.TABLE;
import static org.labvault.dynamodb.engine.Engines.n;
import static org.labvault.dynamodb.engine.Engines.s;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labvault.dynamodb.DynamoDb;
import org.labvault.dynamodb.testing.SdkClients;
import org.labvault.dynamodb.EngineOptions;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** Stream records for every change, read through the Streams API; TTL deletions by the service. */
class StreamsAndTtlTest {

  private DynamoDb engine;
  private DynamoDbClient client;
  private DynamoDbStreamsClient streams;

  @BeforeEach
  void start() {
    engine = DynamoDb.open(new EngineOptions(null, Clock.systemUTC(), Duration.ofMillis(100)));
    client = SdkClients.client(engine);
    streams = SdkClients.streams(engine);
    Engines.createTable(client);
  }

  @AfterEach
  void stop() {
    client.close();
    streams.close();
    engine.close();
  }

  private List<Record> readAll(String afterSequence) {
    String arn = client.describeTable(r -> r.tableName(TABLE)).table().latestStreamArn();
    StreamDescription stream = streams.describeStream(r -> r.streamArn(arn)).streamDescription();
    assertThat(stream.shards()).hasSize(1);
    String iterator = streams.getShardIterator(r -> {
      r.streamArn(arn).shardId(stream.shards().get(0).shardId());
      if (afterSequence == null) {
        r.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
      } else {
        r.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(afterSequence);
      }
    }).shardIterator();
    return streams.getRecords(r -> r.shardIterator(iterator)).records();
  }

  @Test
  void everyChangeLeavesOneRecordInOrder_withTheImagesTheViewTypeAsksFor() {
    Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> key = Map.of("pk", s("a"), "sk", s("1"));
    client.putItem(r -> r.tableName(TABLE).item(Map.of("pk", s("a"), "sk", s("1"), "v", s("one"))));
    client.putItem(r -> r.tableName(TABLE).item(Map.of("pk", s("a"), "sk", s("1"), "v", s("one")))); // no change: no record
    client.updateItem(r -> r.tableName(TABLE).key(key).updateExpression("SET v = :v")
        .expressionAttributeValues(Map.of(":v", s("two"))));
    client.deleteItem(r -> r.tableName(TABLE).key(key));

    List<Record> records = readAll(null);

    assertThat(records).extracting(r -> r.eventNameAsString()).containsExactly("INSERT", "MODIFY", "REMOVE");
    assertThat(records.get(0).dynamodb().newImage().get("v").s()).isEqualTo("one");
    assertThat(records.get(1).dynamodb().oldImage().get("v").s()).isEqualTo("one");
    assertThat(records.get(1).dynamodb().newImage().get("v").s()).isEqualTo("two");
    assertThat(records.get(2).dynamodb().keys()).isEqualTo(key);
    List<BigInteger> sequence = new ArrayList<>();
    records.forEach(r -> sequence.add(new BigInteger(r.dynamodb().sequenceNumber())));
    assertThat(sequence).isSorted().doesNotHaveDuplicates();
    assertThat(readAll(records.get(0).dynamodb().sequenceNumber())).hasSize(2);
  }

  @Test
  void aDisabledStreamStaysReadable_andTurningItOnAgainStartsANewOne() {
    client.putItem(r -> r.tableName(TABLE).item(Map.of("pk", s("a"), "sk", s("1"))));
    String oldArn = client.describeTable(r -> r.tableName(TABLE)).table().latestStreamArn();
    String oldShard = streams.describeStream(r -> r.streamArn(oldArn)).streamDescription().shards().get(0).shardId();
    String oldIterator = streams.getShardIterator(r -> r.streamArn(oldArn).shardId(oldShard)
        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();

    client.updateTable(r -> r.tableName(TABLE).streamSpecification(x -> x.streamEnabled(false)));
    client.updateTable(r -> r.tableName(TABLE).streamSpecification(x -> x.streamEnabled(true).streamViewType("KEYS_ONLY")));
    client.putItem(r -> r.tableName(TABLE).item(Map.of("pk", s("b"), "sk", s("1"))));

    String newArn = client.describeTable(r -> r.tableName(TABLE)).table().latestStreamArn();
    assertThat(newArn).isNotEqualTo(oldArn);
    StreamDescription old = streams.describeStream(r -> r.streamArn(oldArn)).streamDescription();
    assertThat(old.streamStatusAsString()).isEqualTo("DISABLED");
    assertThat(streams.getRecords(r -> r.shardIterator(oldIterator)).records())
        .extracting(x -> x.dynamodb().keys().get("pk").s()).containsExactly("a");
    StreamDescription fresh = streams.describeStream(r -> r.streamArn(newArn)).streamDescription();
    assertThat(fresh.shards().get(0).shardId()).isNotEqualTo(oldShard);
    assertThat(readAll(null)).extracting(x -> x.dynamodb().keys().get("pk").s()).containsExactly("b");
    assertThat(streams.listStreams(r -> r.tableName(TABLE)).streams()).extracting(x -> x.streamArn())
        .containsExactlyInAnyOrder(oldArn, newArn);
  }

  @Test
  void expiredItemsAreRemovedByTheService_othersStay() throws Exception {
    client.updateTimeToLive(r -> r.tableName(TABLE).timeToLiveSpecification(t -> t.attributeName("expiresAt").enabled(true)));
    long now = System.currentTimeMillis() / 1000;
    client.putItem(r -> r.tableName(TABLE).item(Map.of("pk", s("old"), "sk", s("1"), "expiresAt", n(String.valueOf(now - 10)))));
    client.putItem(r -> r.tableName(TABLE).item(Map.of("pk", s("later"), "sk", s("1"), "expiresAt", n(String.valueOf(now + 3600)))));
    client.putItem(r -> r.tableName(TABLE).item(Map.of("pk", s("ancient"), "sk", s("1"),
        "expiresAt", n(String.valueOf(now - 6L * 365 * 24 * 3600)))));
    client.putItem(r -> r.tableName(TABLE).item(Map.of("pk", s("text"), "sk", s("1"), "expiresAt", s("yesterday"))));

    long deadline = System.currentTimeMillis() + 10_000;
    while (client.getItem(r -> r.tableName(TABLE).key(Map.of("pk", s("old"), "sk", s("1")))).hasItem()) {
      assertThat(System.currentTimeMillis()).as("expired item removed within 10 s").isLessThan(deadline);
      Thread.sleep(50);
    }

    assertThat(client.scan(r -> r.tableName(TABLE)).items()).extracting(i -> i.get("pk").s())
        .containsExactlyInAnyOrder("later", "ancient", "text");
    Record removal = readAll(null).stream().filter(r -> r.eventNameAsString().equals("REMOVE")).findFirst().orElseThrow();
    assertThat(removal.dynamodb().keys().get("pk").s()).isEqualTo("old");
    assertThat(removal.userIdentity().type()).isEqualTo("Service");
    assertThat(removal.userIdentity().principalId()).isEqualTo("dynamodb.amazonaws.com");
  }
}
