package org.labvault.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labvault.shared.asset.domain.Asset;
import org.labvault.shared.asset.domain.AssetStatus;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.instrument.domain.Instrument;
import org.labvault.shared.instrument.domain.InstrumentGrant;
import org.labvault.shared.instrument.domain.InstrumentStatus;
import org.labvault.shared.testing.EmbeddedTable;
import org.labvault.shared.testing.FakeContext;
import org.labvault.shared.testing.FakeThings;
import org.labvault.shared.testing.InMemoryObjectStore;
import org.labvault.shared.testing.RecordedMessages;
import org.labvault.shared.testing.TestClock;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Upload requests from instruments, as the IoT rule delivers them, against the DynamoDB engine in process. */
class InstrumentIngestHandlerTest {

  static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");
  static final String GROUP = "01a207c8-24bd-7da8-965e-feee279db2cc";
  static final String OTHER_GROUP = "01a207c8-24bd-7da8-965e-feee279db2dd";
  static final String READER = "01a2f000-0000-7000-8000-0000000000a1";
  static final String OTHER_READER = "01a2f000-0000-7000-8000-0000000000b2";
  static final String SHA = "7bLJBEF1mK57MwdcADOdtK92qemyDEC7Ywzt/mNeVB0=";

  private EmbeddedTable table;
  private TestClock clock;
  private RecordedMessages messages;
  private TestInstrumentIngestComponent c;
  private InstrumentIngestHandler handler;

  @BeforeEach
  void setUp() {
    table = new EmbeddedTable();
    clock = new TestClock(NOW);
    messages = new RecordedMessages();
    c = DaggerTestInstrumentIngestComponent.factory().create(table.client(), clock, new ArrayList<AuditEvent>(),
        new InMemoryObjectStore(clock), new FakeThings(), messages);
    handler = new InstrumentIngestHandler(c);
    for (String g : List.of(GROUP, OTHER_GROUP)) {
      table.client().putItem(r -> r.tableName(EmbeddedTable.NAME).item(Map.of(Keys.PK, s(Keys.group(g)), Keys.SK,
          s(Keys.META), "groupId", s(g), "tenant", s("acme"), "status", s(Keys.GROUP_ACTIVE),
          Keys.ASSET_COUNT, AttributeValue.fromN("0"))));
      table.client().putItem(r -> r.tableName(EmbeddedTable.NAME).item(Map.of(Keys.PK, s(Keys.group(g)), Keys.SK,
          s(Keys.member("alice")), "role", s("ADMIN"))));
    }
    instrument(READER);
    instrument(OTHER_READER);
    c.instruments().grant(new InstrumentGrant(GROUP, READER, "Plate reader", NOW, "alice"), "alice");
  }

  @AfterEach
  void tearDown() {
    table.close();
  }

  private void instrument(String id) {
    c.instruments().create(new Instrument(id, "alice", "acme", "Plate reader", "PR-1", "c" + id,
        "arn:aws:iot:eu-west-1:111122223333:cert/c" + id, "pem", NOW, InstrumentStatus.ACTIVE));
  }

  private static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  /** What the rule hands over: the payload with instrumentId and clientId the broker verified. */
  private static Map<String, Object> request(String instrumentId, String requestId, String groupId) {
    Map<String, Object> event = new HashMap<>(Map.of("requestId", requestId, "groupId", groupId, "name", "run-42.csv",
        "contentType", "text/csv", "sizeBytes", 10, "sha256", SHA));
    event.put("instrumentId", instrumentId);
    event.put("clientId", instrumentId);
    return event;
  }

  private JsonNode lastReply(String instrumentId) {
    assertThat(messages.sent).isNotEmpty();
    var last = messages.sent.getLast();
    assertThat(last.topic()).isEqualTo("labvault/instruments/" + instrumentId + "/upload-responses");
    return last.json();
  }

  private long assetCount(String groupId) {
    return Long.parseLong(table.client().getItem(r -> r.tableName(EmbeddedTable.NAME)
        .key(Map.of(Keys.PK, s(Keys.group(groupId)), Keys.SK, s(Keys.META)))).item().get(Keys.ASSET_COUNT).n());
  }

  @Test
  void aGrantedInstrument_shouldGetAnAssetCreatedByItAndItsUploadUrl() {
    handler.handleRequest(request(READER, "req-1", GROUP), new FakeContext());

    JsonNode reply = lastReply(READER);
    assertThat(reply.path("requestId").asText()).isEqualTo("req-1");
    assertThat(reply.path("error").isMissingNode()).isTrue();
    assertThat(reply.at("/upload/method").asText()).isEqualTo("PUT");
    assertThat(reply.at("/upload/headers/x-amz-server-side-encryption").asText()).isEqualTo("AES256");
    Asset asset = c.assets().find(reply.path("assetId").asText()).orElseThrow();
    assertThat(asset.createdBy()).isEqualTo("instrument:" + READER);
    assertThat(asset.groupId()).isEqualTo(GROUP);
    assertThat(asset.status()).isEqualTo(AssetStatus.PENDING_UPLOAD);
    assertThat(assetCount(GROUP)).isEqualTo(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void theSampleEvent_shouldDeclareAnAsset() throws Exception {
    Map<String, Object> event = org.labvault.shared.json.Json.instance().mapper().readValue(
        getClass().getClassLoader().getResourceAsStream("instrumentingest/upload-request.json"), Map.class);
    assertThat(event.get("instrumentId")).isEqualTo(READER);

    handler.handleRequest(event, new FakeContext());

    assertThat(lastReply(READER).path("assetId").asText()).isNotEmpty();
    assertThat(assetCount(GROUP)).isEqualTo(1);
  }

  @Test
  void theSameRequestTwice_shouldAnswerTheSameAssetAndDeclareItOnce() {
    handler.handleRequest(request(READER, "req-1", GROUP), new FakeContext());
    String first = lastReply(READER).path("assetId").asText();
    clock.advance(Duration.ofMinutes(2));

    handler.handleRequest(request(READER, "req-1", GROUP), new FakeContext());

    JsonNode again = lastReply(READER);
    assertThat(again.path("assetId").asText()).isEqualTo(first);
    assertThat(again.at("/upload/url").asText()).isNotEmpty();
    assertThat(assetCount(GROUP)).isEqualTo(1);
    // another instrument's request with the same id is its own request
    c.instruments().grant(new InstrumentGrant(GROUP, OTHER_READER, "Other", NOW, "alice"), "alice");
    handler.handleRequest(request(OTHER_READER, "req-1", GROUP), new FakeContext());
    assertThat(lastReply(OTHER_READER).path("assetId").asText()).isNotEqualTo(first);
  }

  @Test
  void aRepeatAfterTheGrantWasTakenAway_shouldGetNoUploadUrl() {
    handler.handleRequest(request(READER, "req-1", GROUP), new FakeContext());
    c.instruments().ungrant(GROUP, READER);

    handler.handleRequest(request(READER, "req-1", GROUP), new FakeContext());

    JsonNode again = lastReply(READER);
    assertThat(again.at("/error/status").asInt()).isEqualTo(404);
    assertThat(again.path("upload").isMissingNode()).isTrue();
  }

  @Test
  void concurrentDeliveriesOfOneRequest_shouldDeclareOneAssetAndAnswerItToEach() throws Exception {
    var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      var calls = new ArrayList<java.util.concurrent.Future<?>>();
      for (int i = 0; i < 8; i++) {
        calls.add(pool.submit(() -> handler.handleRequest(request(READER, "req-1", GROUP), new FakeContext())));
      }
      for (var call : calls) {
        call.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(assetCount(GROUP)).isEqualTo(1);
    assertThat(messages.sent).hasSize(8);
    assertThat(messages.sent.stream().map(m -> m.json().path("assetId").asText()).distinct()).hasSize(1);
  }

  @Test
  void anInstrumentRevokedBeforeItsAssetIsStored_shouldStoreNothing() {
    // the instrument was read ACTIVE, then revoked before the transaction: the transaction re-checks
    // (only the status: the grant is still there, as while a revocation is under way)
    table.client().updateItem(r -> r.tableName(EmbeddedTable.NAME)
        .key(Map.of(Keys.PK, s(Keys.instrument(READER)), Keys.SK, s(Keys.META)))
        .updateExpression("SET #s = :r").expressionAttributeNames(Map.of("#s", "status"))
        .expressionAttributeValues(Map.of(":r", s("REVOKED"))));
    var asset = new Asset("01a2f000-0000-7000-8000-00000000a55e", GROUP, "acme", "a.csv", "text/csv", 10, SHA,
        org.labvault.shared.asset.domain.Classification.CONFIDENTIAL, AssetStatus.PENDING_UPLOAD, NOW,
        "instrument:" + READER, "assets/acme/" + GROUP + "/x", null, NOW.plusSeconds(900), null);
    assertThatThrownBy(() -> c.assets().create(asset, new org.labvault.shared.asset.domain.RequestClaim(READER, "req-1")))
        .isInstanceOfSatisfying(org.labvault.shared.error.ConflictException.class,
            e -> assertThat(e.errorCode()).isEqualTo(org.labvault.shared.error.ErrorCode.INSTRUMENT_REVOKED));
    assertThat(c.assets().find(asset.assetId())).isEmpty();
    assertThat(assetCount(GROUP)).isZero();
  }

  @Test
  void aRequestSeenAfterItsUploadWindow_shouldAnswerTheAssetWithoutAnUpload() {
    handler.handleRequest(request(READER, "req-1", GROUP), new FakeContext());
    String first = lastReply(READER).path("assetId").asText();
    clock.advance(Duration.ofMinutes(16));

    handler.handleRequest(request(READER, "req-1", GROUP), new FakeContext());

    JsonNode again = lastReply(READER);
    assertThat(again.path("assetId").asText()).isEqualTo(first);
    assertThat(again.path("upload").isMissingNode()).isTrue();
    assertThat(again.path("status").asText()).isEqualTo("PENDING_UPLOAD");
  }

  @Test
  void aGroupThatDidNotGrantTheInstrument_shouldBeA404Reply() {
    handler.handleRequest(request(READER, "req-1", OTHER_GROUP), new FakeContext());

    JsonNode reply = lastReply(READER);
    assertThat(reply.path("requestId").asText()).isEqualTo("req-1");
    assertThat(reply.at("/error/status").asInt()).isEqualTo(404);
    assertThat(reply.at("/error/code").asText()).isEqualTo("NOT_FOUND");
    assertThat(reply.path("assetId").isMissingNode()).isTrue();
    assertThat(assetCount(OTHER_GROUP)).isZero();
    // nor after an ADMIN takes the grant away
    c.instruments().ungrant(GROUP, READER);
    handler.handleRequest(request(READER, "req-2", GROUP), new FakeContext());
    assertThat(lastReply(READER).at("/error/status").asInt()).isEqualTo(404);
    assertThat(assetCount(GROUP)).isZero();
  }

  @Test
  void aPayloadNamingAnotherInstrument_shouldNeverActAsIt() {
    // the rule sets instrumentId from the topic; were it and the client id ever to differ, nothing happens
    Map<String, Object> event = request(OTHER_READER, "req-1", GROUP);
    event.put("clientId", READER);
    handler.handleRequest(event, new FakeContext());
    assertThat(messages.sent).isEmpty();
    assertThat(assetCount(GROUP)).isZero();
  }

  @Test
  void aRevokedInstrument_shouldBeIgnored() {
    c.instruments().revoke(READER, NOW);
    handler.handleRequest(request(READER, "req-1", GROUP), new FakeContext());
    assertThat(messages.sent).isEmpty();
    assertThat(assetCount(GROUP)).isZero();
  }

  @Test
  void badRequests_shouldBeAnsweredWithAValidationError() {
    Map<String, Object> noRequestId = request(READER, "x", GROUP);
    noRequestId.remove("requestId");
    handler.handleRequest(noRequestId, new FakeContext());
    JsonNode reply = lastReply(READER);
    assertThat(reply.has("requestId")).isTrue();
    assertThat(reply.path("requestId").isNull()).isTrue();
    assertThat(reply.at("/error/code").asText()).isEqualTo("VALIDATION");

    Map<String, Object> badSize = request(READER, "req-2", GROUP);
    badSize.put("sizeBytes", "ten");
    handler.handleRequest(badSize, new FakeContext());
    assertThat(lastReply(READER).at("/error/status").asInt()).isEqualTo(400);
    assertThat(lastReply(READER).at("/error/detail").asText()).contains("sizeBytes");

    Map<String, Object> unknown = request(READER, "req-3", GROUP);
    unknown.put("createdBy", "alice");
    handler.handleRequest(unknown, new FakeContext());
    assertThat(lastReply(READER).at("/error/detail").asText()).contains("createdBy");

    Map<String, Object> noGroup = request(READER, "req-4", GROUP);
    noGroup.remove("groupId");
    handler.handleRequest(noGroup, new FakeContext());
    assertThat(lastReply(READER).at("/error/detail").asText()).contains("groupId");
    assertThat(assetCount(GROUP)).isZero();
  }

  @Test
  void anAnswerThatCannotBeSent_shouldFailTheInvocationAndTheRetryAnswerTheSameAsset() {
    messages.failing = true;
    assertThatThrownBy(() -> handler.handleRequest(request(READER, "req-1", GROUP), new FakeContext()))
        .isInstanceOf(IllegalStateException.class);
    assertThat(assetCount(GROUP)).isEqualTo(1);

    messages.failing = false;
    handler.handleRequest(request(READER, "req-1", GROUP), new FakeContext());
    assertThat(c.assets().find(lastReply(READER).path("assetId").asText())).isPresent();
    assertThat(assetCount(GROUP)).isEqualTo(1);
  }
}
