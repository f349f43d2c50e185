package org.labvault.fanout;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.deletion.adapter.LinkItems;
import org.labvault.shared.testing.EmbeddedTable;
import org.labvault.shared.time.Times;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Items of the table and stream events, as the tests need them: the samples of events/fanout. */
final class Fixtures {

  static final String GROUP = "01a207c8-24bd-7da8-965e-feee279db2cc";
  static final String ASSET = "01a20900-0000-7000-8000-00000000a55e";
  static final String OBJECT_KEY = "assets/acme/" + GROUP + "/" + ASSET;
  static final String SAMPLE_LINK = "01a20a00-0000-7000-8000-0000000011a1";
  static final Instant DELETED_AT = Instant.parse("2026-11-23T09:00:00Z");

  private Fixtures() {}

  static String link(int n) {
    return String.format("01a20a00-0000-7000-8000-%012d", n);
  }

  static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  static AttributeValue n(long v) {
    return AttributeValue.fromN(Long.toString(v));
  }

  /** The sample asset, DELETED by alice at {@link #DELETED_AT}, counting {@code liveLinks} live links. */
  static void deletedAsset(DynamoDbClient dynamo, int liveLinks) {
    Map<String, AttributeValue> item = new HashMap<>(Map.of(Keys.PK, s(Keys.asset(ASSET)), Keys.SK, s(Keys.META),
        "type", s("Asset"), "assetId", s(ASSET), "groupId", s(GROUP), "status", s("DELETED"), "objectKey", s(OBJECT_KEY),
        "deletedAt", s(Times.format(DELETED_AT)), "deletedBy", s("alice"), Keys.LIVE_LINKS, n(liveLinks)));
    dynamo.putItem(r -> r.tableName(EmbeddedTable.NAME).item(item));
  }

  static Map<String, AttributeValue> liveLink(String linkId) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(Keys.PK, s(Keys.link(linkId)));
    item.put(Keys.SK, s(Keys.META));
    item.put("type", s(LinkItems.TYPE));
    item.put("linkId", s(linkId));
    item.put("assetId", s(ASSET));
    item.put("groupId", s(GROUP));
    item.put("tenant", s("acme"));
    item.put("appId", s("sample-eln"));
    item.put("externalRef", s("eln://entries/" + linkId));
    item.put("createdAt", s("2026-11-23T08:30:00Z"));
    item.put("createdBy", s("alice"));
    item.put("linkStatus", s("LIVE"));
    item.put(Keys.GSI1_PK, s(Keys.assetLinks(ASSET)));
    item.put(Keys.GSI1_SK, s(linkId));
    return item;
  }

  /** A link deleted with its asset, attempt {@code attempt} of its notice published {@code published}. */
  static Map<String, AttributeValue> deletedLink(String linkId, String notice, int attempt, int published) {
    Map<String, AttributeValue> item = liveLink(linkId);
    item.put("linkStatus", s("DELETED"));
    item.put("reason", s("ASSET_DELETED"));
    item.put("deletedAt", s(Times.format(DELETED_AT)));
    item.put("deletedBy", s("alice"));
    item.put("notice", s(notice));
    item.put("attempt", n(attempt));
    item.put("publishedAttempt", n(published));
    return item;
  }

  /** In the due index: due at {@code dueAt}. */
  static Map<String, AttributeValue> due(Map<String, AttributeValue> link, Instant dueAt) {
    String linkId = link.get("linkId").s();
    link.put(Keys.GSI2_PK, s(Keys.due(linkId)));
    link.put(Keys.GSI2_SK, s(Keys.waitingSince(dueAt, linkId)));
    return link;
  }

  static void put(DynamoDbClient dynamo, Map<String, AttributeValue> item) {
    dynamo.putItem(r -> r.tableName(EmbeddedTable.NAME).item(item));
  }

  static Map<String, AttributeValue> item(DynamoDbClient dynamo, String pk) {
    return dynamo.getItem(r -> r.tableName(EmbeddedTable.NAME).key(Map.of(Keys.PK, s(pk), Keys.SK, s(Keys.META)))
        .consistentRead(true)).item();
  }

  static String read(String resource) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fanout/" + resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A sample event as the Lambda runtime's own serializer reads it. */
  static DynamodbEvent stream(String json) {
    return LambdaEventSerializers.serializerFor(DynamodbEvent.class, Fixtures.class.getClassLoader()).fromJson(json);
  }

  static DynamodbEvent sample(String resource) {
    return stream(read(resource));
  }

  /**
   * The sample link record (events/fanout/link-deleted.json) once per link, each its own sequence
   * number, as the stream delivers a deletion of many links.
   */
  static DynamodbEvent linksDeleted(List<String> linkIds) {
    String sample = read("link-deleted.json");
    String record = sample.substring(sample.indexOf('[') + 1, sample.lastIndexOf(']'));
    List<String> records = new ArrayList<>();
    for (int i = 0; i < linkIds.size(); i++) {
      records.add(record.replace(SAMPLE_LINK, linkIds.get(i))
          .replace("100000000000000000002", Long.toString(200000000000000000L + i)));
    }
    return stream("{\"Records\":[" + String.join(",", records) + "]}");
  }

  static ScheduledEvent scheduled() {
    return LambdaEventSerializers.serializerFor(ScheduledEvent.class, Fixtures.class.getClassLoader())
        .fromJson(read("scheduled.json"));
  }
}
