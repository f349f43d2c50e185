package org.labvault.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.labvault.shared.alarm.Alarm;
import org.labvault.shared.audit.AuditEvent;
import org.labvault.shared.audit.AuditRecord;
import org.labvault.shared.aws.AuditItems;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.config.Config;
import org.labvault.shared.paging.PageRequest;
import org.labvault.shared.testing.EmbeddedTable;
import org.labvault.shared.testing.EmbeddedTableModule;
import org.labvault.shared.testing.FakeContext;
import org.labvault.shared.testing.TestClock;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The stream consumer on the table in process: audit records in, alarms stored once, stored alarms published once. */
class AuditMonitorHandlerTest {

  private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

  private EmbeddedTable table;
  private final List<Alarm> published = new CopyOnWriteArrayList<>();
  private TestMonitorComponent component;
  private AuditMonitorHandler handler;
  private long sequence = 100;

  static Config config(int denialBurst) {
    return Config.from(Map.of(Config.Names.TABLE_NAME, EmbeddedTable.NAME, Config.Names.PAGE_TOKEN_KEY,
        EmbeddedTableModule.PAGE_TOKEN_KEY, Config.Names.DENIAL_BURST_THRESHOLD, Integer.toString(denialBurst),
        Config.Names.MASS_DELETE_THRESHOLD, "50"));
  }

  @BeforeEach
  void setUp() {
    table = new EmbeddedTable();
    component = DaggerTestMonitorComponent.factory().create(config(20), table.client(), new TestClock(T0), published);
    handler = new AuditMonitorHandler(component);
  }

  @AfterEach
  void tearDown() {
    table.close();
  }

  private DynamodbEvent.DynamodbStreamRecord insert(Map<String, AttributeValue> item) {
    Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image = new HashMap<>();
    item.forEach((k, v) -> image.put(k, v.n() != null
        ? new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue().withN(v.n())
        : new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue().withS(v.s())));
    var change = new StreamRecord();
    change.setNewImage(image);
    change.setSequenceNumber(Long.toString(++sequence));
    var r = new DynamodbEvent.DynamodbStreamRecord();
    r.setEventName("INSERT");
    r.setDynamodb(change);
    return r;
  }

  private DynamodbEvent.DynamodbStreamRecord auditInsert(long seq, String actor, String action, String resource,
      AuditEvent.Decision decision, Instant at) {
    var event = new AuditEvent(actor, action, resource, decision, null, "req-" + seq, at);
    return insert(AuditItems.item(AuditRecord.chained(event, 1, seq, AuditRecord.GENESIS)));
  }

  private DynamodbEvent batch(List<DynamodbEvent.DynamodbStreamRecord> records) {
    var e = new DynamodbEvent();
    e.setRecords(records);
    return e;
  }

  private List<Alarm> stored() {
    return component.store().since(T0.minusSeconds(3600), PageRequest.first(100)).items();
  }

  /** The stream records of the alarms stored so far, as the table's stream carries their inserts. */
  private List<DynamodbEvent.DynamodbStreamRecord> alarmInserts() {
    List<DynamodbEvent.DynamodbStreamRecord> out = new ArrayList<>();
    table.client().query(q -> q.tableName(EmbeddedTable.NAME).keyConditionExpression("pk = :d")
        .expressionAttributeValues(Map.of(":d", AttributeValue.fromS(Keys.alarmDay("2026-11-23"))))).items()
        .forEach(i -> out.add(insert(i)));
    return out;
  }

  @Test
  void aBurstOf25Refusals_shouldStoreOneDenialBurst_evenWhenTheBatchIsDeliveredAgain() {
    List<DynamodbEvent.DynamodbStreamRecord> refusals = new ArrayList<>();
    for (int i = 1; i <= 25; i++) {
      refusals.add(auditInsert(i, "mallory", "group:read", "group:g1", AuditEvent.Decision.DENY, T0.plusSeconds(i)));
    }
    var first = handler.handleRequest(batch(refusals), new FakeContext());
    var again = handler.handleRequest(batch(refusals), new FakeContext());
    assertThat(first.getBatchItemFailures()).isEmpty();
    assertThat(again.getBatchItemFailures()).isEmpty();
    assertThat(stored()).singleElement().satisfies(a -> {
      assertThat(a.type()).isEqualTo(Alarm.AlarmType.DENIAL_BURST);
      assertThat(a.actor()).isEqualTo("mallory");
      assertThat(a.at()).isEqualTo(T0.plusSeconds(20));
    });
  }

  @Test
  void opsAccessAndAdminGrant_shouldEachRaiseTheirAlarm_andEveryStoredAlarmIsPublishedOnce() {
    handler.handleRequest(batch(List.of(
        auditInsert(1, "op", "ops:access", "route:GET /ops/audit", AuditEvent.Decision.ALLOW, T0),
        auditInsert(2, "alice", "members:manage", "group:g1/member:bob/role:ADMIN", AuditEvent.Decision.ALLOW, T0),
        auditInsert(3, "alice", "group:create", "group:g2", AuditEvent.Decision.ALLOW, T0))), new FakeContext());
    assertThat(stored()).extracting(Alarm::type).containsExactlyInAnyOrder(Alarm.AlarmType.PRIVILEGED_ACCESS,
        Alarm.AlarmType.ADMIN_GRANTED);
    assertThat(published).isEmpty();
    // when: the stream delivers the alarm items' inserts, twice
    var inserts = alarmInserts();
    handler.handleRequest(batch(inserts), new FakeContext());
    handler.handleRequest(batch(inserts), new FakeContext());
    // then
    assertThat(published).extracting(Alarm::type).containsExactlyInAnyOrder(Alarm.AlarmType.PRIVILEGED_ACCESS,
        Alarm.AlarmType.ADMIN_GRANTED);
    assertThat(published).containsExactlyInAnyOrderElementsOf(stored());
  }

  @Test
  void anAlarmRaisedElsewhere_shouldBePublishedToo() {
    component.alarmLog().raise(Alarm.of("b1", T0, Alarm.AlarmType.BACKUP_FAILED, "system:backup", "drill failed"));
    handler.handleRequest(batch(alarmInserts()), new FakeContext());
    assertThat(published).singleElement().satisfies(a -> assertThat(a.category()).isEqualTo(Alarm.IncidentCategory.PRODUCTION));
  }

  @Test
  void aRecordThatCannotBeRead_shouldBeReportedAlone() {
    var broken = insert(Map.of("type", AttributeValue.fromS("AuditRecord"), "chain", AttributeValue.fromN("1")));
    var fine = auditInsert(1, "op", "ops:access", "route:GET /ops/apps", AuditEvent.Decision.ALLOW, T0);
    var res = handler.handleRequest(batch(List.of(fine, broken)), new FakeContext());
    assertThat(res.getBatchItemFailures()).singleElement()
        .satisfies(f -> assertThat(f.getItemIdentifier()).isEqualTo(broken.getDynamodb().getSequenceNumber()));
    assertThat(stored()).hasSize(1);
  }

  @ParameterizedTest
  @Event(value = "monitor/audit-record-inserted.json", type = DynamodbEvent.class)
  void theSampleAuditInsert_shouldRaisePrivilegedAccess(DynamodbEvent event) {
    var res = handler.handleRequest(event, new FakeContext());
    assertThat(res.getBatchItemFailures()).isEmpty();
    assertThat(stored()).singleElement().satisfies(a -> {
      assertThat(a.type()).isEqualTo(Alarm.AlarmType.PRIVILEGED_ACCESS);
      assertThat(a.actor()).isEqualTo("0a9b8c7d-operator");
    });
  }

  @ParameterizedTest
  @Event(value = "monitor/alarm-inserted.json", type = DynamodbEvent.class)
  void theSampleAlarmInsert_shouldBePublishedWithItsTypeAndCategory(DynamodbEvent event) {
    handler.handleRequest(event, new FakeContext());
    assertThat(published).singleElement().satisfies(a -> {
      assertThat(a.type()).isEqualTo(Alarm.AlarmType.PRIVILEGED_ACCESS);
      assertThat(a.category()).isEqualTo(Alarm.IncidentCategory.NONPRODUCTION_SECURITY);
    });
  }
}
