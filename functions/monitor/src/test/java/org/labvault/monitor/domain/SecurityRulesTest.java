package org.labvault.monitor.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.labvault.shared.alarm.Alarm;
import org.labvault.shared.alarm.Alarm.AlarmType;

class SecurityRulesTest {

  private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
  private final SecurityRules rules = new SecurityRules(20, 50);
  private long seq;

  private AuditFact fact(String actor, String action, String resource, boolean allowed, Instant at) {
    return new AuditFact(3, ++seq, at, actor, action, resource, allowed, "req-" + seq);
  }

  private AuditFact denial(String actor, Instant at) {
    return fact(actor, "group:read", "group:g1", false, at);
  }

  /** Counts the facts one after the other, as the monitor does: the alarms raised, in order. */
  private List<Alarm> countAll(List<AuditFact> facts, BurstKind kind, BurstWindow[] window) {
    List<Alarm> raised = new ArrayList<>();
    for (AuditFact f : facts) {
      SecurityRules.Counting c = rules.count(window[0], f, kind);
      if (c.changed()) {
        window[0] = new BurstWindow(c.next().members(), c.next().alarmedBy(), c.next().version() + 1);
      }
      if (c.alarm() != null) {
        raised.add(c.alarm());
      }
    }
    return raised;
  }

  private List<AuditFact> denials(String actor, int n, Instant from, Duration every) {
    List<AuditFact> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(denial(actor, from.plus(every.multipliedBy(i))));
    }
    return out;
  }

  @Test
  void aBurstOf25Refusals_shouldRaiseExactlyOneDenialBurst_atTheTwentieth() {
    BurstWindow[] w = {BurstWindow.EMPTY};
    List<AuditFact> burst = denials("mallory", 25, T0, Duration.ofSeconds(1));
    List<Alarm> raised = countAll(burst, BurstKind.DENIALS, w);
    assertThat(raised).singleElement().satisfies(a -> {
      assertThat(a.type()).isEqualTo(AlarmType.DENIAL_BURST);
      assertThat(a.category()).isEqualTo(Alarm.IncidentCategory.CYBER_SECURITY);
      assertThat(a.actor()).isEqualTo("mallory");
      assertThat(a.at()).isEqualTo(burst.get(19).at());
    });
    assertThat(w[0].members()).as("bounded by the threshold").hasSize(20);
  }

  @Test
  void aBatchDeliveredAgain_shouldRaiseNothingNew_andTheRaisingRecordRaisesTheSameAlarmAgain() {
    BurstWindow[] w = {BurstWindow.EMPTY};
    List<AuditFact> burst = denials("mallory", 25, T0, Duration.ofSeconds(1));
    Alarm first = countAll(burst, BurstKind.DENIALS, w).getFirst();
    List<Alarm> again = countAll(burst, BurstKind.DENIALS, w);
    // only the record that raised it raises it again: the same id, so it is stored once
    assertThat(again).extracting(Alarm::alarmId).containsExactly(first.alarmId());
    assertThat(again.getFirst().at()).isEqualTo(first.at());
  }

  @Test
  void theRaisingRecordDeliveredAgain_afterLaterOnesMovedItOutOfTheWindow_shouldRaiseTheSameAlarmAgain() {
    // given: 45 refusals; the 20th raised the alarm, the 21st to 45th pushed it out of the bounded window
    BurstWindow[] w = {BurstWindow.EMPTY};
    List<AuditFact> burst = denials("mallory", 45, T0, Duration.ofSeconds(1));
    Alarm first = countAll(burst, BurstKind.DENIALS, w).getFirst();
    assertThat(w[0].members()).doesNotContain(burst.get(19).member());
    // when: the 20th comes again (its alarm may not have been stored the first time)
    List<Alarm> again = countAll(List.of(burst.get(19)), BurstKind.DENIALS, w);
    // then
    assertThat(again).extracting(Alarm::alarmId).containsExactly(first.alarmId());
  }

  @Test
  void refusalsSpreadOverMoreThanFiveMinutes_shouldRaiseNothing() {
    BurstWindow[] w = {BurstWindow.EMPTY};
    // 20 refusals 20 s apart span 380 s: never 20 within 5 minutes
    assertThat(countAll(denials("slow", 20, T0, Duration.ofSeconds(20)), BurstKind.DENIALS, w)).isEmpty();
  }

  @Test
  void aSecondBurst_shouldRaiseAgain_onlyAfterTheActorFellUnderTheThreshold() {
    BurstWindow[] w = {BurstWindow.EMPTY};
    assertThat(countAll(denials("m", 25, T0, Duration.ofSeconds(1)), BurstKind.DENIALS, w)).hasSize(1);
    // still bursting a minute later: the same burst
    assertThat(countAll(denials("m", 5, T0.plusSeconds(60), Duration.ofSeconds(1)), BurstKind.DENIALS, w)).isEmpty();
    // quiet for more than the window: one refusal ends the burst, a new burst raises again
    Instant later = T0.plus(Duration.ofMinutes(20));
    List<Alarm> second = countAll(denials("m", 20, later, Duration.ofSeconds(1)), BurstKind.DENIALS, w);
    assertThat(second).hasSize(1);
    assertThat(second.getFirst().at()).isEqualTo(later.plusSeconds(19));
  }

  @Test
  void theSystemsOwnVerdicts_shouldNotCountAsRefusals() {
    // an upload the system rejected is audited as its DENY: not something refused to it
    assertThat(rules.findings(fact("system:upload-events", "asset:verify", "asset:a1", false, T0))).isEmpty();
    assertThat(rules.findings(fact("alice", "asset:verify", "asset:a1", false, T0))).isNotEmpty();
  }

  @Test
  void actors_shouldBeCountedApart() {
    BurstWindow[] a = {BurstWindow.EMPTY};
    BurstWindow[] b = {BurstWindow.EMPTY};
    assertThat(countAll(denials("a", 19, T0, Duration.ofSeconds(1)), BurstKind.DENIALS, a)).isEmpty();
    assertThat(countAll(denials("b", 19, T0, Duration.ofSeconds(1)), BurstKind.DENIALS, b)).isEmpty();
  }

  @Test
  void deletions_shouldRaiseMassDelete_atTheirOwnThresholdAndWindow() {
    BurstWindow[] w = {BurstWindow.EMPTY};
    List<AuditFact> deletions = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      deletions.add(fact("bulk", i % 2 == 0 ? "assets:delete" : "group:delete", "asset:a" + i, true, T0.plusSeconds(i * 10L)));
    }
    assertThat(deletions).allSatisfy(d -> assertThat(rules.findings(d)).containsExactly(new SecurityRules.Counted(BurstKind.DELETIONS)));
    // 50 deletions 10 s apart take 490 s: within 10 minutes
    assertThat(countAll(deletions, BurstKind.DELETIONS, w)).singleElement()
        .satisfies(a -> assertThat(a.type()).isEqualTo(AlarmType.MASS_DELETE));
  }

  @Test
  void anOperatorsUseOfAnOpsRoute_shouldRaisePrivilegedAccess_andARefusedOneIsCountedInstead() {
    var admitted = fact("op", "ops:access", "route:GET /ops/audit", true, T0);
    assertThat(rules.findings(admitted)).singleElement().isInstanceOfSatisfying(SecurityRules.Immediate.class, i -> {
      assertThat(i.alarm().type()).isEqualTo(AlarmType.PRIVILEGED_ACCESS);
      assertThat(i.alarm().actor()).isEqualTo("op");
      assertThat(i.alarm().detail()).contains("GET /ops/audit");
    });
    var refused = fact("alice", "ops:access", "route:GET /ops/audit", false, T0);
    assertThat(rules.findings(refused)).containsExactly(new SecurityRules.Counted(BurstKind.DENIALS));
  }

  @Test
  void theAlarmOfARecord_shouldHaveTheSameIdEveryTime() {
    var admitted = fact("op", "ops:access", "route:GET /ops/audit", true, T0);
    var once = ((SecurityRules.Immediate) rules.findings(admitted).getFirst()).alarm();
    var twice = ((SecurityRules.Immediate) rules.findings(admitted).getFirst()).alarm();
    assertThat(once).isEqualTo(twice);
  }

  @Test
  void grantingAdmin_shouldRaiseAdminGranted_butNotOtherRolesNorANewGroupsCreator() {
    var promoted = fact("alice", "members:manage", "group:g1/member:bob/role:ADMIN", true, T0);
    var joined = fact("carol", "invitations:accept", "group:g1/invitation:i1/role:ADMIN", true, T0);
    assertThat(rules.findings(promoted)).singleElement().isInstanceOfSatisfying(SecurityRules.Immediate.class,
        i -> assertThat(i.alarm().type()).isEqualTo(AlarmType.ADMIN_GRANTED));
    assertThat(rules.findings(joined)).singleElement().isInstanceOfSatisfying(SecurityRules.Immediate.class,
        i -> assertThat(i.alarm().detail()).contains("group:g1/invitation:i1/role:ADMIN"));
    assertThat(rules.findings(fact("alice", "members:manage", "group:g1/member:bob/role:EDIT", true, T0))).isEmpty();
    assertThat(rules.findings(fact("alice", "group:create", "group:g2", true, T0))).isEmpty();
    // a refused grant is a refusal, not a grant
    assertThat(rules.findings(fact("eve", "members:manage", "group:g1/member:eve/role:ADMIN", false, T0)))
        .containsExactly(new SecurityRules.Counted(BurstKind.DENIALS));
  }
}
