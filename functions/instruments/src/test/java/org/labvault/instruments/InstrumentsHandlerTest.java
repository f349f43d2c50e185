package org.labvault.instruments;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.json.Json;
import org.labvault.shared.testing.ApiEvent;
import org.labvault.shared.testing.EmbeddedTable;
import org.labvault.shared.testing.FakeContext;
import org.labvault.shared.testing.FakeThings;
import org.labvault.shared.testing.RecordedMessages;
import org.labvault.shared.testing.TestClock;
import org.labvault.shared.testing.TestCsrs;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The Instruments routes against the DynamoDB engine in process, IoT Core faked. */
class InstrumentsHandlerTest {

  static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");
  static final String GROUP = "01a207c8-24bd-7da8-965e-feee279db2cc";
  static final String OTHER_GROUP = "01a207c8-24bd-7da8-965e-feee279db2dd";

  private EmbeddedTable table;
  private FakeThings things;
  private List<AuditEvent> audit;
  private TestInstrumentsComponent c;
  private InstrumentsHandler handler;

  @BeforeEach
  void setUp() {
    table = new EmbeddedTable();
    things = new FakeThings();
    audit = new ArrayList<>();
    c = DaggerTestInstrumentsComponent.factory().create(table.client(), new TestClock(NOW), audit, things,
        new RecordedMessages());
    handler = new InstrumentsHandler(c);
    group(GROUP);
    group(OTHER_GROUP);
    member(GROUP, "alice", "ADMIN");
    member(GROUP, "bob", "READ_ONLY");
    member(GROUP, "erin", "EDIT");
    member(GROUP, "carol", "ADMIN");
    member(OTHER_GROUP, "dave", "ADMIN");
  }

  @AfterEach
  void tearDown() {
    table.close();
  }

  private void group(String groupId) {
    put(Map.of(Keys.PK, s(Keys.group(groupId)), Keys.SK, s(Keys.META), "groupId", s(groupId), "tenant", s("acme"),
        "status", s(Keys.GROUP_ACTIVE)));
  }

  private void member(String groupId, String userId, String role) {
    put(Map.of(Keys.PK, s(Keys.group(groupId)), Keys.SK, s(Keys.member(userId)), "role", s(role)));
  }

  private void put(Map<String, AttributeValue> item) {
    table.client().putItem(r -> r.tableName(EmbeddedTable.NAME).item(item));
  }

  private static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  private APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
    return handler.handleRequest(event, new FakeContext());
  }

  private static JsonNode body(APIGatewayV2HTTPResponse res) {
    try {
      return Json.instance().mapper().readTree(res.getBody());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private APIGatewayV2HTTPResponse register(String user, String tenant, String csr) {
    String json = Json.instance().write(Map.of("name", "Plate reader 3", "serialNumber", "PR-2291-X", "csrPem", csr));
    return call(ApiEvent.route("POST /instruments").as(user, tenant).json(json).build());
  }

  private String registered(String user) {
    var res = register(user, "acme", TestCsrs.ecP256("plate-reader"));
    assertThat(res.getStatusCode()).as(res.getBody()).isEqualTo(201);
    return body(res).path("instrumentId").asText();
  }

  private APIGatewayV2HTTPResponse grant(String user, String groupId, String instrumentId) {
    return call(ApiEvent.route("PUT /groups/{groupId}/instruments/{instrumentId}").as(user, "acme")
        .path("groupId", groupId).path("instrumentId", instrumentId).build());
  }

  private APIGatewayV2HTTPResponse grants(String user, String groupId) {
    return call(ApiEvent.route("GET /groups/{groupId}/instruments").as(user, "acme").path("groupId", groupId).build());
  }

  private APIGatewayV2HTTPResponse get(String user, String tenant, String instrumentId) {
    return call(ApiEvent.route("GET /instruments/{instrumentId}").as(user, tenant).path("instrumentId", instrumentId).build());
  }

  @Test
  void register_shouldIssueACertificateForTheThingAndAnswerHowToConnect() {
    var res = register("alice", "acme", TestCsrs.ecP256("plate-reader"));

    assertThat(res.getStatusCode()).as(res.getBody()).isEqualTo(201);
    JsonNode created = body(res);
    String id = created.path("instrumentId").asText();
    assertThat(things.registered).containsKey(id);
    assertThat(created.path("certificateId").asText()).isEqualTo(things.registered.get(id));
    assertThat(created.path("certificatePem").asText()).startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(created.path("name").asText()).isEqualTo("Plate reader 3");
    assertThat(created.path("serialNumber").asText()).isEqualTo("PR-2291-X");
    assertThat(created.path("createdAt").asText()).isEqualTo("2026-11-30T08:00:00Z");
    assertThat(created.at("/mqtt/endpoint").asText()).isEqualTo(FakeThings.MQTT);
    assertThat(created.at("/mqtt/clientId").asText()).isEqualTo(id);
    assertThat(created.at("/mqtt/requestTopic").asText()).isEqualTo("labvault/instruments/" + id + "/upload-requests");
    assertThat(created.at("/mqtt/responseTopic").asText()).isEqualTo("labvault/instruments/" + id + "/upload-responses");
    assertThat(audit).extracting(AuditEvent::action, AuditEvent::decision)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("instruments:register", AuditEvent.Decision.ALLOW));
  }

  @Test
  void register_shouldRefuseAWeakKeyAMissingCsrAndBadFieldsBeforeIotCoreIsAsked() {
    assertThat(register("alice", "acme", TestCsrs.rsa(1024, "weak")).getStatusCode()).isEqualTo(400);
    var missing = call(ApiEvent.route("POST /instruments").as("alice", "acme")
        .json("{\"name\":\"x\",\"serialNumber\":\"1\"}").build());
    assertThat(missing.getStatusCode()).isEqualTo(400);
    assertThat(body(missing).path("code").asText()).isEqualTo("VALIDATION");
    assertThat(body(missing).path("detail").asText()).contains("csrPem");
    var longName = call(ApiEvent.route("POST /instruments").as("alice", "acme").json(Json.instance().write(
        Map.of("name", "n".repeat(101), "serialNumber", "1", "csrPem", TestCsrs.ecP256("x")))).build());
    assertThat(longName.getStatusCode()).isEqualTo(400);
    assertThat(body(longName).path("detail").asText()).contains("name");
    var longSerial = call(ApiEvent.route("POST /instruments").as("alice", "acme").json(Json.instance().write(
        Map.of("name", "n", "serialNumber", "s".repeat(65), "csrPem", TestCsrs.ecP256("x")))).build());
    assertThat(longSerial.getStatusCode()).isEqualTo(400);
    assertThat(things.registered).isEmpty();
  }

  @Test
  void register_shouldAnswer400WhenIotCoreRefusesTheCsr() {
    things.refuseCsrs = true;
    var res = register("alice", "acme", TestCsrs.ecP256("x"));
    assertThat(res.getStatusCode()).isEqualTo(400);
    assertThat(body(res).path("code").asText()).isEqualTo("VALIDATION");
  }

  @Test
  void getAndList_shouldShowAnInstrumentToItsOwnerOnly() {
    String id = registered("alice");
    String bobs = registered("bob");

    assertThat(get("alice", "acme", id).getStatusCode()).isEqualTo(200);
    assertThat(get("bob", "acme", id).getStatusCode()).isEqualTo(404);
    assertThat(get("mallory", "globex", id).getStatusCode()).isEqualTo(404);
    assertThat(get("alice", "acme", "not-an-id").getStatusCode()).isEqualTo(404);
    var mine = body(call(ApiEvent.route("GET /instruments").as("alice", "acme").build()));
    assertThat(mine.path("items")).extracting(i -> i.path("instrumentId").asText()).containsExactly(id);
    var bobsList = body(call(ApiEvent.route("GET /instruments").as("bob", "acme").build()));
    assertThat(bobsList.path("items")).extracting(i -> i.path("instrumentId").asText()).containsExactly(bobs);
  }

  @Test
  void revoke_shouldRevokeTheCertificateRemoveTheGrantsAndHideTheInstrument() {
    String id = registered("alice");
    assertThat(grant("alice", GROUP, id).getStatusCode()).isEqualTo(204);
    String certificate = things.registered.get(id);

    var other = call(ApiEvent.route("DELETE /instruments/{instrumentId}").as("bob", "acme").path("instrumentId", id).build());
    assertThat(other.getStatusCode()).isEqualTo(404);
    assertThat(things.revoked).isEmpty();

    var res = call(ApiEvent.route("DELETE /instruments/{instrumentId}").as("alice", "acme").path("instrumentId", id).build());
    assertThat(res.getStatusCode()).isEqualTo(204);
    assertThat(things.revoked).containsExactly(certificate);
    assertThat(get("alice", "acme", id).getStatusCode()).isEqualTo(404);
    assertThat(body(grants("alice", GROUP)).path("items")).isEmpty();
    assertThat(c.repository().groupsGranting(id)).isEmpty();
    var again = call(ApiEvent.route("DELETE /instruments/{instrumentId}").as("alice", "acme").path("instrumentId", id).build());
    assertThat(again.getStatusCode()).as("repeating is harmless").isEqualTo(204);
    var othersRepeat = call(ApiEvent.route("DELETE /instruments/{instrumentId}").as("bob", "acme").path("instrumentId", id).build());
    assertThat(othersRepeat.getStatusCode()).isEqualTo(404);
    assertThat(body(call(ApiEvent.route("GET /instruments").as("alice", "acme").build())).path("items")).isEmpty();
  }

  @Test
  void revokingAgain_shouldFinishARevocationThatStoppedHalfWay() {
    String id = registered("alice");
    assertThat(grant("alice", GROUP, id).getStatusCode()).isEqualTo(204);
    // a revocation that marked the instrument and then stopped: its grant is still there
    assertThat(c.repository().find(id)).isPresent();
    table.client().updateItem(r -> r.tableName(EmbeddedTable.NAME)
        .key(Map.of(Keys.PK, s(Keys.instrument(id)), Keys.SK, s(Keys.META)))
        .updateExpression("SET #s = :r").expressionAttributeNames(Map.of("#s", "status"))
        .expressionAttributeValues(Map.of(":r", s("REVOKED"))));
    assertThat(body(grants("alice", GROUP)).path("items")).hasSize(1);

    var res = call(ApiEvent.route("DELETE /instruments/{instrumentId}").as("alice", "acme").path("instrumentId", id).build());

    assertThat(res.getStatusCode()).isEqualTo(204);
    assertThat(body(grants("alice", GROUP)).path("items")).isEmpty();
    assertThat(things.revoked).hasSize(1);
  }

  @Test
  void grant_shouldNeedAnAdminOfTheGroupWhoOwnsTheInstrument() {
    String alices = registered("alice");
    String erins = registered("erin");

    assertThat(grant("carol", GROUP, alices).getStatusCode()).as("ADMIN, not the owner").isEqualTo(404);
    assertThat(grant("erin", GROUP, erins).getStatusCode()).as("owner, not ADMIN").isEqualTo(403);
    assertThat(grant("dave", GROUP, alices).getStatusCode()).as("another group's ADMIN").isEqualTo(404);
    assertThat(grant("alice", OTHER_GROUP, alices).getStatusCode()).as("not a member").isEqualTo(404);
    assertThat(body(grants("alice", GROUP)).path("items")).isEmpty();

    assertThat(grant("alice", GROUP, alices).getStatusCode()).isEqualTo(204);
    assertThat(grant("alice", GROUP, alices).getStatusCode()).as("again").isEqualTo(204);
    JsonNode listed = body(grants("bob", GROUP));
    assertThat(listed.path("items")).hasSize(1);
    assertThat(listed.at("/items/0/instrumentId").asText()).isEqualTo(alices);
    assertThat(listed.at("/items/0/name").asText()).isEqualTo("Plate reader 3");
    assertThat(listed.at("/items/0/grantedBy").asText()).isEqualTo("alice");
    assertThat(listed.at("/items/0/grantedAt").asText()).isEqualTo("2026-11-30T08:00:00Z");
    assertThat(grants("dave", GROUP).getStatusCode()).isEqualTo(404);
    assertThat(grants("mallory", GROUP).getStatusCode()).isEqualTo(404);
    // the grant is not a membership: the member list and the member count do not see it
    var members = table.client().query(r -> r.tableName(EmbeddedTable.NAME)
        .keyConditionExpression("pk = :pk AND begins_with(sk, :m)")
        .expressionAttributeValues(Map.of(":pk", s(Keys.group(GROUP)), ":m", s(Keys.MEMBER_PREFIX)))).items();
    assertThat(members).hasSize(4);
  }

  @Test
  void ungrant_shouldNeedAnAdminAndTakeTheGrantAway() {
    String id = registered("alice");
    grant("alice", GROUP, id);
    var byReader = call(ApiEvent.route("DELETE /groups/{groupId}/instruments/{instrumentId}").as("bob", "acme")
        .path("groupId", GROUP).path("instrumentId", id).build());
    assertThat(byReader.getStatusCode()).isEqualTo(403);
    var byOutsider = call(ApiEvent.route("DELETE /groups/{groupId}/instruments/{instrumentId}").as("dave", "acme")
        .path("groupId", GROUP).path("instrumentId", id).build());
    assertThat(byOutsider.getStatusCode()).isEqualTo(404);
    assertThat(body(grants("alice", GROUP)).path("items")).hasSize(1);

    var res = call(ApiEvent.route("DELETE /groups/{groupId}/instruments/{instrumentId}").as("carol", "acme")
        .path("groupId", GROUP).path("instrumentId", id).build());
    assertThat(res.getStatusCode()).as("any ADMIN, owner or not").isEqualTo(204);
    assertThat(body(grants("alice", GROUP)).path("items")).isEmpty();
    assertThat(c.repository().groupsGranting(id)).isEmpty();
  }

  /** The instrument the sample events name, owned by alice. */
  private void seedSampleInstrument() {
    c.repository().create(new org.labvault.shared.instrument.domain.Instrument(SAMPLE_INSTRUMENT, "alice", "acme",
        "Plate reader 3", "PR-2291-X", "c0ffee", "arn:aws:iot:eu-west-1:111122223333:cert/c0ffee", "pem", NOW,
        org.labvault.shared.instrument.domain.InstrumentStatus.ACTIVE));
  }

  static final String SAMPLE_INSTRUMENT = "01a2f000-0000-7000-8000-0000000000a1";

  @org.junit.jupiter.params.ParameterizedTest
  @com.amazonaws.services.lambda.runtime.tests.annotations.Event(value = "instruments/grant-instrument.json",
      type = APIGatewayV2HTTPEvent.class)
  void theSampleGrant_shouldGrantAndTheSampleListShowIt(APIGatewayV2HTTPEvent grant) throws Exception {
    seedSampleInstrument();
    assertThat(call(grant).getStatusCode()).isEqualTo(204);
    var list = Json.instance().mapper().readValue(getClass().getClassLoader()
        .getResourceAsStream("instruments/list-group-instruments.json"), APIGatewayV2HTTPEvent.class);
    var res = call(list);
    assertThat(res.getStatusCode()).as(res.getBody()).isEqualTo(200);
    assertThat(body(res).at("/items/0/instrumentId").asText()).isEqualTo(SAMPLE_INSTRUMENT);
    var mine = Json.instance().mapper().readValue(getClass().getClassLoader()
        .getResourceAsStream("instruments/list-instruments.json"), APIGatewayV2HTTPEvent.class);
    assertThat(body(call(mine)).at("/items/0/instrumentId").asText()).isEqualTo(SAMPLE_INSTRUMENT);
  }

  @Test
  void aTokenPosingAsAnInstrument_shouldBeRefused() {
    String id = registered("alice");
    var res = call(ApiEvent.route("GET /instruments/{instrumentId}").as("instrument:" + id, "acme")
        .path("instrumentId", id).build());
    assertThat(res.getStatusCode()).isEqualTo(401);
  }
}
