package org.labvault.sampleeln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labvault.sampleeln.adapter.DynamoCopyStore;
import org.labvault.shared.config.Config;
import org.labvault.shared.testing.EmbeddedTable;
import org.labvault.shared.testing.FakeContext;
import org.labvault.shared.testing.TestClock;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The sample subscriber: its copy goes, then it confirms with its own token; failures are per message. */
class SampleElnHandlerTest {

  static final String TABLE = "sample-eln-test";
  static final String LINK = "01a20a00-0000-7000-8000-0000000011a1";
  static final String REF = "eln://notebooks/7/entries/42";

  private EmbeddedTable table;
  private FakeLabVault labVault;
  private TestClock clock;
  private SampleElnHandler handler;

  @BeforeEach
  void setUp() throws Exception {
    table = new EmbeddedTable();
    table.client().createTable(r -> r.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
        .keySchema(k -> k.attributeName(DynamoCopyStore.EXTERNAL_REF).keyType(KeyType.HASH))
        .attributeDefinitions(a -> a.attributeName(DynamoCopyStore.EXTERNAL_REF).attributeType(ScalarAttributeType.S)));
    labVault = new FakeLabVault();
    clock = new TestClock(Instant.parse("2026-11-23T09:00:10Z"));
    handler = new SampleElnHandler(DaggerTestSampleElnComponent.factory().create(config(labVault.base().toString()),
        table.client(), clock));
    copy(REF);
  }

  private Config config(String api) {
    return Config.from(Map.of(SampleElnSettings.LABVAULT_API_URL, api + "/",
        SampleElnSettings.TOKEN_URL, labVault.base() + "/oauth2/token",
        SampleElnSettings.CLIENT_ID, FakeLabVault.CLIENT_ID, SampleElnSettings.CLIENT_SECRET, FakeLabVault.CLIENT_SECRET,
        SampleElnSettings.ELN_TABLE_NAME, TABLE));
  }

  @AfterEach
  void tearDown() {
    labVault.close();
    table.close();
  }

  private void copy(String ref) {
    table.client().putItem(r -> r.tableName(TABLE).item(Map.of(DynamoCopyStore.EXTERNAL_REF, AttributeValue.fromS(ref),
        "title", AttributeValue.fromS("run 42"))));
  }

  private boolean hasCopy(String ref) {
    return table.client().getItem(r -> r.tableName(TABLE).key(Map.of(DynamoCopyStore.EXTERNAL_REF, AttributeValue.fromS(ref))))
        .hasItem();
  }

  private static SQSEvent sample(String name) {
    return EventLoader.loadSQSEvent("sampleeln/" + name);
  }

  /** The sample notice once per link, each its own message. */
  private static SQSEvent notices(String... linkIds) {
    SQSEvent template = sample("notice.json");
    List<SQSEvent.SQSMessage> messages = new ArrayList<>();
    for (String id : linkIds) {
      SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
      m.setMessageId("m-" + messages.size() + "-" + id);
      m.setBody(template.getRecords().get(0).getBody().replace(LINK, id));
      messages.add(m);
    }
    SQSEvent event = new SQSEvent();
    event.setRecords(messages);
    return event;
  }

  private List<String> deliver(SQSEvent event) {
    SQSBatchResponse response = handler.handleRequest(event, new FakeContext());
    return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
  }

  @Test
  void aNotice_shouldDeleteTheCopyAndConfirmWithTheBearerToken() {
    // when
    List<String> failures = deliver(sample("notice.json"));
    // then
    assertThat(failures).isEmpty();
    assertThat(hasCopy(REF)).isFalse();
    assertThat(labVault.tokenRequests).singleElement().satisfies(t -> {
      assertThat(t.method()).isEqualTo("POST");
      assertThat(t.contentType()).isEqualTo("application/x-www-form-urlencoded");
      assertThat(t.body()).isEqualTo("grant_type=client_credentials");
    });
    assertThat(labVault.confirmations).singleElement().satisfies(c -> {
      assertThat(c.method()).isEqualTo("POST");
      assertThat(c.path()).isEqualTo("/app-links/" + LINK + "/confirm-deletion");
      assertThat(c.authorization()).isEqualTo("Bearer token-1");
    });
  }

  @Test
  void aLinkLabVaultNoLongerKnows_shouldCountAsDone() {
    labVault.answers.put(LINK, 404);
    assertThat(deliver(sample("notice.json"))).isEmpty();
    assertThat(hasCopy(REF)).isFalse();
  }

  @Test
  void aFailingApi_shouldFailOnlyThatMessage_andItsRetrySucceeds() {
    // given
    String other = "01a20a00-0000-7000-8000-0000000011a2";
    labVault.answers.put(other, 500);
    SQSEvent event = notices(LINK, other);
    // when
    List<String> failures = deliver(event);
    // then
    assertThat(failures).containsExactly(event.getRecords().get(1).getMessageId());
    // when: SQS delivers it again once LabVault is back
    labVault.answers.remove(other);
    assertThat(deliver(notices(other))).isEmpty();
    assertThat(labVault.confirmations).extracting(FakeLabVault.Seen::path)
        .containsExactly("/app-links/" + LINK + "/confirm-deletion", "/app-links/" + other + "/confirm-deletion",
            "/app-links/" + other + "/confirm-deletion");
  }

  @Test
  void anUnreachableApi_shouldFailTheMessage() {
    // given: nothing listens where the API should be
    var unreachable = new SampleElnHandler(DaggerTestSampleElnComponent.factory().create(config("http://127.0.0.1:1"),
        table.client(), clock));
    // when
    var response = unreachable.handleRequest(sample("notice.json"), new FakeContext());
    // then
    assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
        .containsExactly("2e1424d4-f796-459a-8184-9c92662be6da");
  }

  @Test
  void aMalformedMessage_shouldFailAloneWithoutAnyCall() {
    // given: the malformed sample next to a good notice
    SQSEvent event = sample("malformed.json");
    List<SQSEvent.SQSMessage> both = new ArrayList<>(event.getRecords());
    both.addAll(sample("notice.json").getRecords());
    event.setRecords(both);
    // when
    List<String> failures = deliver(event);
    // then
    assertThat(failures).containsExactly("059f36b4-87a3-44ab-83d2-661975830a7d");
    assertThat(labVault.confirmations).extracting(FakeLabVault.Seen::path)
        .containsExactly("/app-links/" + LINK + "/confirm-deletion");
  }

  @Test
  void otherMalformedBodies_shouldFailToo() {
    for (String body : List.of("", "not json", "[]", "{\"type\":\"Other\",\"linkId\":\"a\",\"externalRef\":\"r\",\"attempt\":1}",
        "{\"type\":\"AppLinkDeleted\",\"linkId\":\"a/b\",\"externalRef\":\"r\",\"attempt\":1}",
        "{\"type\":\"AppLinkDeleted\",\"linkId\":\"a\",\"attempt\":1}",
        "{\"type\":\"AppLinkDeleted\",\"linkId\":\"a\",\"externalRef\":\"r\",\"attempt\":0}")) {
      SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
      m.setMessageId("bad");
      m.setBody(body);
      SQSEvent event = new SQSEvent();
      event.setRecords(List.of(m));
      assertThat(deliver(event)).as(body).containsExactly("bad");
    }
    assertThat(labVault.confirmations).isEmpty();
  }

  @Test
  void theToken_shouldBeKeptUntilShortlyBeforeItExpires() {
    // when: two batches and a duplicate, within the token's life
    assertThat(deliver(notices(LINK, LINK))).isEmpty();
    clock.advance(Duration.ofMinutes(58));
    assertThat(deliver(notices(LINK))).isEmpty();
    // then: one token for all, and confirming twice was harmless
    assertThat(labVault.tokenRequests).hasSize(1);
    assertThat(labVault.confirmations).hasSize(3).allSatisfy(c -> assertThat(c.authorization()).isEqualTo("Bearer token-1"));

    // when: less than a minute of its life left
    clock.advance(Duration.ofMinutes(1).plusSeconds(1));
    assertThat(deliver(notices(LINK))).isEmpty();
    // then
    assertThat(labVault.tokenRequests).hasSize(2);
    assertThat(labVault.confirmations.getLast().authorization()).isEqualTo("Bearer token-2");
  }

  @Test
  void aRefusedToken_shouldBeReplacedOnce() {
    deliver(notices(LINK));
    labVault.revoked.add("token-1");
    assertThat(deliver(notices(LINK))).isEmpty();
    assertThat(labVault.confirmations).extracting(FakeLabVault.Seen::authorization)
        .containsExactly("Bearer token-1", "Bearer token-1", "Bearer token-2");
  }

  @Test
  void missingSettings_shouldFailAtInit() {
    Map<String, String> env = new HashMap<>(Map.of(SampleElnSettings.LABVAULT_API_URL, "ftp://nope",
        SampleElnSettings.TOKEN_URL, "https://auth.example/oauth2/token", SampleElnSettings.CLIENT_ID, "c",
        SampleElnSettings.CLIENT_SECRET, "s", SampleElnSettings.ELN_TABLE_NAME, TABLE, Config.Names.AWS_REGION, "us-east-1"));
    assertThatThrownBy(() -> new SampleElnHandler(env)).isInstanceOf(Config.ConfigException.class)
        .hasMessageContaining(SampleElnSettings.LABVAULT_API_URL);
    env.put(SampleElnSettings.LABVAULT_API_URL, "https://api.example");
    env.remove(SampleElnSettings.CLIENT_SECRET);
    assertThatThrownBy(() -> new SampleElnHandler(env)).isInstanceOf(Config.ConfigException.class)
        .hasMessageContaining(SampleElnSettings.CLIENT_SECRET);
  }
}
