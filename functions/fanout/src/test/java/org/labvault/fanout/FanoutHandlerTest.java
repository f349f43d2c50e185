package org.labvault.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.labvault.fanout.Fixtures.ASSET;
import static org.labvault.fanout.Fixtures.DELETED_AT;
import static org.labvault.fanout.Fixtures.GROUP;
import static org.labvault.fanout.Fixtures.OBJECT_KEY;
import static org.labvault.fanout.Fixtures.deletedLink;
import static org.labvault.fanout.Fixtures.item;
import static org.labvault.fanout.Fixtures.link;
import static org.labvault.fanout.Fixtures.put;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.config.Config;
import org.labvault.shared.time.Times;
import org.labvault.shared.testing.EmbeddedTable;
import org.labvault.shared.testing.FakeContext;
import org.labvault.shared.testing.FakeSns;
import org.labvault.shared.testing.InMemoryObjectStore;
import org.labvault.shared.testing.TestClock;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;

/** The stream side of deletion fan-out: expansion of deleted assets, publication of owed notices. */
class FanoutHandlerTest {

  static final Instant NOW = Instant.parse("2026-11-23T09:00:05Z");
  static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:labvault-dev-AssetEventsTopic";

  private EmbeddedTable table;
  private FakeSns sns;
  private InMemoryObjectStore objects;
  private List<AuditEvent> audit;
  private TestClock clock;
  private FanoutHandler handler;

  @BeforeEach
  void setUp() {
    table = new EmbeddedTable();
    sns = new FakeSns();
    clock = new TestClock(NOW);
    objects = new InMemoryObjectStore(clock);
    audit = new ArrayList<>();
    handler = new FanoutHandler(DaggerTestFanoutComponent.factory().create(config(), table.client(), sns, clock, audit, objects));
  }

  static Config config() {
    return Config.from(Map.of(Config.Names.TABLE_NAME, EmbeddedTable.NAME, Config.Names.DATA_BUCKET, EmbeddedTable.BUCKET,
        Config.Names.ASSET_EVENTS_TOPIC_ARN, TOPIC, Config.Names.RENOTIFY_AFTER_SECONDS, "3600",
        Config.Names.RENOTIFY_MAX_ATTEMPTS, "5"));
  }

  @AfterEach
  void tearDown() {
    table.close();
  }

  private List<String> deliver(DynamodbEvent event) {
    StreamsEventResponse response = handler.handleRequest(event, new FakeContext());
    return response.getBatchItemFailures().stream().map(StreamsEventResponse.BatchItemFailure::getItemIdentifier).toList();
  }

  private Map<String, AttributeValue> linkItem(String linkId) {
    return item(table.client(), Keys.link(linkId));
  }

  private static int num(Map<String, AttributeValue> item, String name) {
    return Integer.parseInt(item.get(name).n());
  }

  @Test
  void anAssetDeletion_shouldDeleteEachLiveLinkOnceAndTheObject_whenDeliveredTwice() {
    // given: three live links, one deleted before through the API, two versions of the bytes
    Fixtures.deletedAsset(table.client(), 3);
    List<String> live = List.of(link(1), link(2), link(3));
    live.forEach(id -> put(table.client(), Fixtures.liveLink(id)));
    Map<String, AttributeValue> before = deletedLink(link(4), "CONFIRMED", 1, 1);
    before.put("reason", Fixtures.s("LINK_DELETED"));
    put(table.client(), before);
    objects.land(OBJECT_KEY, "v1".getBytes(StandardCharsets.UTF_8), null);
    objects.land(OBJECT_KEY, "v2".getBytes(StandardCharsets.UTF_8), null);

    // when
    List<String> failures = deliver(Fixtures.sample("asset-deleted.json"));

    // then
    assertThat(failures).isEmpty();
    for (String id : live) {
      var item = linkItem(id);
      assertThat(item.get("linkStatus").s()).isEqualTo("DELETED");
      assertThat(item.get("reason").s()).isEqualTo("ASSET_DELETED");
      assertThat(item.get("notice").s()).isEqualTo("NOTIFIED");
      assertThat(item.get("deletedAt").s()).isEqualTo("2026-11-23T09:00:00Z");
      assertThat(item.get("deletedBy").s()).isEqualTo("alice");
      assertThat(num(item, "attempt")).isEqualTo(1);
      assertThat(num(item, "publishedAttempt")).isZero();
      assertThat(item).doesNotContainKeys("notifiedAt");
      assertThat(item.get(Keys.GSI2_PK).s()).as("due from the deletion on").isEqualTo(Keys.due(id));
      assertThat(item.get(Keys.GSI2_SK).s()).isEqualTo("2026-11-23T10:00:00Z#" + id);
    }
    assertThat(linkItem(link(4))).isEqualTo(before);
    assertThat(num(item(table.client(), Keys.asset(ASSET)), "liveLinks")).isZero();
    assertThat(objects.versions(OBJECT_KEY)).isEmpty();
    assertThat(audit).extracting(AuditEvent::action).containsOnly("app-link:delete").hasSize(3);
    assertThat(sns.calls).as("the links' own stream records publish").isEmpty();

    // when: the stream delivers the record again
    var snapshot = live.stream().map(this::linkItem).toList();
    assertThat(deliver(Fixtures.sample("asset-deleted.json"))).isEmpty();

    // then: nothing changes
    assertThat(live.stream().map(this::linkItem).toList()).isEqualTo(snapshot);
    assertThat(num(item(table.client(), Keys.asset(ASSET)), "liveLinks")).isZero();
    assertThat(audit).hasSize(3);
  }

  @Test
  void anAssetDeletion_shouldNeverCountBelowZero_whenTheCounterDrifted() {
    // given: the asset counts no live link, yet one is live
    Fixtures.deletedAsset(table.client(), 0);
    put(table.client(), Fixtures.liveLink(link(1)));
    // when
    assertThat(deliver(Fixtures.sample("asset-deleted.json"))).isEmpty();
    // then
    assertThat(linkItem(link(1)).get("linkStatus").s()).isEqualTo("DELETED");
    assertThat(num(item(table.client(), Keys.asset(ASSET)), "liveLinks")).isZero();
  }

  @Test
  void twentyFiveNotices_shouldGoInThreeBatchesWithTheContractsBodyAndAttribute_once() {
    // given
    List<String> ids = IntStream.rangeClosed(1, 25).mapToObj(Fixtures::link).toList();
    ids.forEach(id -> put(table.client(), deletedLink(id, "NOTIFIED", 1, 0)));
    DynamodbEvent event = Fixtures.linksDeleted(ids);

    // when
    assertThat(deliver(event)).isEmpty();

    // then
    assertThat(sns.calls).hasSize(3);
    assertThat(sns.calls).extracting(c -> c.publishBatchRequestEntries().size()).containsExactly(10, 10, 5);
    assertThat(sns.calls).allSatisfy(c -> {
      assertThat(c.topicArn()).isEqualTo(TOPIC);
      assertThat(c.publishBatchRequestEntries()).extracting(PublishBatchRequestEntry::id).doesNotHaveDuplicates();
    });
    assertThat(sns.published).hasSize(25);
    for (int i = 0; i < 25; i++) {
      PublishBatchRequestEntry entry = sns.published.get(i);
      String id = ids.get(i);
      assertThat(entry.message()).isEqualTo("{\"type\":\"AppLinkDeleted\",\"linkId\":\"" + id + "\",\"assetId\":\"" + ASSET
          + "\",\"groupId\":\"" + GROUP + "\",\"appId\":\"sample-eln\",\"externalRef\":\"eln://entries/" + id
          + "\",\"reason\":\"ASSET_DELETED\",\"deletedAt\":\"2026-11-23T09:00:00Z\",\"attempt\":1}");
      assertThat(entry.messageAttributes()).containsExactly(
          Map.entry("appId", MessageAttributeValue.builder().dataType("String").stringValue("sample-eln").build()));
      var item = linkItem(id);
      assertThat(num(item, "publishedAttempt")).isEqualTo(1);
      assertThat(item.get("notifiedAt").s()).isEqualTo("2026-11-23T09:00:05Z");
      assertThat(item.get("lastNotifiedAt").s()).isEqualTo("2026-11-23T09:00:05Z");
      assertThat(item.get(Keys.GSI2_PK).s()).isEqualTo("DUE#" + Math.floorMod(id.hashCode(), 8));
      assertThat(item.get(Keys.GSI2_SK).s()).isEqualTo("2026-11-23T10:00:05Z#" + id);
    }

    // when: the same batch again, later
    clock.advance(Duration.ofMinutes(1));
    assertThat(deliver(event)).isEmpty();

    // then: nothing is published twice, nothing moves
    assertThat(sns.published).hasSize(25);
    assertThat(linkItem(ids.get(0)).get("lastNotifiedAt").s()).isEqualTo("2026-11-23T09:00:05Z");
  }

  @Test
  void aFailingTopic_shouldReportTheRecordsAndMarkNothing_thenPublishOnceWhenItRecovers() {
    // given
    List<String> ids = List.of(link(1), link(2), link(3));
    ids.forEach(id -> put(table.client(), deletedLink(id, "NOTIFIED", 1, 0)));
    DynamodbEvent event = Fixtures.linksDeleted(ids);
    List<String> sequenceNumbers = event.getRecords().stream().map(r -> r.getDynamodb().getSequenceNumber()).toList();
    sns.failCalls(2);

    // when: two deliveries while SNS fails
    assertThat(deliver(event)).containsExactlyElementsOf(sequenceNumbers);
    assertThat(deliver(event)).containsExactlyElementsOf(sequenceNumbers);

    // then
    assertThat(sns.published).isEmpty();
    ids.forEach(id -> assertThat(num(linkItem(id), "publishedAttempt")).isZero());
    ids.forEach(id -> assertThat(linkItem(id)).doesNotContainKeys("notifiedAt", Keys.GSI2_PK));

    // when: SNS is back; Lambda delivers the batch again, and once more
    assertThat(deliver(event)).isEmpty();
    assertThat(deliver(event)).isEmpty();

    // then
    assertThat(sns.published).hasSize(3);
    ids.forEach(id -> assertThat(num(linkItem(id), "publishedAttempt")).isEqualTo(1));
  }

  @Test
  void aRefusedEntry_shouldFailOnlyItsOwnRecords() {
    // given
    List<String> ids = List.of(link(1), link(2), link(3));
    ids.forEach(id -> put(table.client(), deletedLink(id, "NOTIFIED", 1, 0)));
    DynamodbEvent event = Fixtures.linksDeleted(ids);
    sns.refuse(link(2));

    // when
    List<String> failures = deliver(event);

    // then
    assertThat(failures).containsExactly(event.getRecords().get(1).getDynamodb().getSequenceNumber());
    assertThat(num(linkItem(link(1)), "publishedAttempt")).isEqualTo(1);
    assertThat(num(linkItem(link(2)), "publishedAttempt")).isZero();
    assertThat(num(linkItem(link(3)), "publishedAttempt")).isEqualTo(1);

    // when: Lambda resumes at the failed record, the later one comes again too
    sns.acceptAll();
    assertThat(deliver(Fixtures.linksDeleted(List.of(link(2), link(3))))).isEmpty();

    // then: each link was published exactly once
    assertThat(sns.bodies()).extracting(b -> b.path("linkId").asText()).containsExactlyInAnyOrder(link(1), link(3), link(2));
  }

  @Test
  void aConfirmedLink_shouldNeverBePublishedAgain_whateverItsRecordSays() {
    // given: confirmed before its (late) record came
    Map<String, AttributeValue> confirmed = deletedLink(Fixtures.SAMPLE_LINK, "CONFIRMED", 1, 0);
    confirmed.put("confirmedAt", Fixtures.s("2026-11-23T09:00:03Z"));
    put(table.client(), confirmed);

    // when
    assertThat(deliver(Fixtures.sample("link-deleted.json"))).isEmpty();

    // then
    assertThat(sns.calls).isEmpty();
    assertThat(linkItem(Fixtures.SAMPLE_LINK)).isEqualTo(confirmed);
  }

  @Test
  void aNoticeConfirmedBeforeItsPublicationIsRecorded_shouldStillCountItsAttempt_andWaitForNothing() {
    // given: an owed notice, and a subscriber so fast that it confirms while the publication is under way
    put(table.client(), deletedLink(Fixtures.SAMPLE_LINK, "NOTIFIED", 1, 0));
    sns.whilePublishing = () -> {
      Map<String, AttributeValue> confirmed = new HashMap<>(linkItem(Fixtures.SAMPLE_LINK));
      confirmed.put("notice", Fixtures.s("CONFIRMED"));
      confirmed.put("confirmedAt", Fixtures.s(Times.format(NOW)));
      confirmed.remove(Keys.GSI2_PK);
      confirmed.remove(Keys.GSI2_SK);
      put(table.client(), confirmed);
    };

    // when
    assertThat(deliver(Fixtures.sample("link-deleted.json"))).isEmpty();

    // then: the attempt and its time are recorded, the confirmation stays, nothing is due
    var item = linkItem(Fixtures.SAMPLE_LINK);
    assertThat(sns.published).hasSize(1);
    assertThat(item.get("notice").s()).isEqualTo("CONFIRMED");
    assertThat(num(item, "publishedAttempt")).isEqualTo(1);
    assertThat(item.get("notifiedAt").s()).isEqualTo(Times.format(NOW));
    assertThat(item).doesNotContainKeys(Keys.GSI2_PK, Keys.GSI2_SK);
  }

  @Test
  void recordsOfNoInterest_shouldBeSkippedWithoutAnyCall() {
    // given: an asset insert, the publisher's own mark, a TTL removal, an asset already deleted
    Map<String, AttributeValue> published = new HashMap<>(deletedLink(Fixtures.SAMPLE_LINK, "NOTIFIED", 1, 1));
    put(table.client(), published);
    // when
    assertThat(deliver(Fixtures.sample("irrelevant.json"))).isEmpty();
    // then
    assertThat(sns.calls).isEmpty();
    assertThat(audit).isEmpty();
    assertThat(linkItem(Fixtures.SAMPLE_LINK)).isEqualTo(published);
  }

  @Test
  void aDeletedAssetsLinks_shouldBePublishedWithTheDeletionStamp_whenTheirRecordsFollow() {
    // given: the asset's deletion was expanded
    Fixtures.deletedAsset(table.client(), 1);
    put(table.client(), Fixtures.liveLink(Fixtures.SAMPLE_LINK));
    deliver(Fixtures.sample("asset-deleted.json"));
    // when: the link's own record arrives
    assertThat(deliver(Fixtures.sample("link-deleted.json"))).isEmpty();
    // then
    assertThat(sns.bodies()).singleElement().satisfies(b -> {
      assertThat(b.path("deletedAt").asText()).isEqualTo(DELETED_AT.toString());
      assertThat(b.path("reason").asText()).isEqualTo("ASSET_DELETED");
      assertThat(b.path("attempt").asInt()).isEqualTo(1);
    });
  }

  @Test
  void theHandlers_shouldStartFromTheVariablesTheTemplateDeclares_withoutCallingAnything() {
    Map<String, String> env = new HashMap<>(Map.of(Config.Names.TABLE_NAME, "labvault-dev-DataTable",
        Config.Names.DATA_BUCKET, EmbeddedTable.BUCKET, Config.Names.ASSET_EVENTS_TOPIC_ARN, TOPIC,
        Config.Names.RENOTIFY_AFTER_SECONDS, "3600", Config.Names.RENOTIFY_MAX_ATTEMPTS, "5",
        Config.Names.AWS_REGION, "us-east-1", Config.Names.AWS_ACCESS_KEY_ID, "AKID", Config.Names.AWS_SECRET_ACCESS_KEY, "s"));
    assertThat(new FanoutHandler(env)).isNotNull();
    assertThat(new RenotifyHandler(env)).isNotNull();
  }
}
