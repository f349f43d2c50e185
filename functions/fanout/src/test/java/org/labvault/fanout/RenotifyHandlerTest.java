package org.labvault.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.labvault.fanout.Fixtures.deletedLink;
import static org.labvault.fanout.Fixtures.due;
import static org.labvault.fanout.Fixtures.item;
import static org.labvault.fanout.Fixtures.link;
import static org.labvault.fanout.Fixtures.put;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.config.Config;
import org.labvault.shared.testing.EmbeddedTable;
import org.labvault.shared.testing.FakeContext;
import org.labvault.shared.testing.FakeSns;
import org.labvault.shared.testing.InMemoryObjectStore;
import org.labvault.shared.testing.TestClock;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The schedule side: due notices are sent again with a doubling wait, exhausted ones become OVERDUE. */
class RenotifyHandlerTest {

  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  private EmbeddedTable table;
  private CountingDynamoDb dynamo;
  private FakeSns sns;
  private TestClock clock;
  private RenotifyHandler renotify;
  private FanoutHandler fanout;

  @BeforeEach
  void setUp() {
    table = new EmbeddedTable();
    dynamo = new CountingDynamoDb(table.client());
    sns = new FakeSns();
    clock = new TestClock(NOW);
    var c = DaggerTestFanoutComponent.factory().create(FanoutHandlerTest.config(), dynamo, sns, clock, new ArrayList<>(),
        new InMemoryObjectStore(clock));
    renotify = new RenotifyHandler(c);
    fanout = new FanoutHandler(c);
  }

  @AfterEach
  void tearDown() {
    table.close();
  }

  private Map<String, Integer> run() {
    return renotify.handleRequest(Fixtures.scheduled(), new FakeContext());
  }

  private Map<String, AttributeValue> linkItem(String linkId) {
    return item(table.client(), Keys.link(linkId));
  }

  private static int num(Map<String, AttributeValue> item, String name) {
    return Integer.parseInt(item.get(name).n());
  }

  @Test
  void aDueNotice_shouldBeSentAgainAsTheNextAttempt_thenWaitTwiceAsLong() {
    // given: attempt 1 published an hour and a second ago
    put(table.client(), due(deletedLink(link(1), "NOTIFIED", 1, 1), NOW.minusSeconds(1)));

    // when
    assertThat(run()).containsExactly(Map.entry("due", 1), Map.entry("renotified", 1), Map.entry("overdue", 0));

    // then: attempt 2 is owed; the stream publishes it and schedules the next one two hours on
    assertThat(num(linkItem(link(1)), "attempt")).isEqualTo(2);
    assertThat(num(linkItem(link(1)), "publishedAttempt")).isEqualTo(1);
    assertThat(fanout.handleRequest(Fixtures.linksDeleted(List.of(link(1))), new FakeContext()).getBatchItemFailures()).isEmpty();
    assertThat(sns.bodies()).singleElement().satisfies(b -> assertThat(b.path("attempt").asInt()).isEqualTo(2));
    var item = linkItem(link(1));
    assertThat(num(item, "publishedAttempt")).isEqualTo(2);
    assertThat(item.get(Keys.GSI2_SK).s()).isEqualTo("2026-11-23T14:00:00Z#" + link(1));
    assertThat(item.get("lastNotifiedAt").s()).isEqualTo("2026-11-23T12:00:00Z");

    // when: the schedule runs again before that
    clock.advance(Duration.ofMinutes(119));
    assertThat(run()).containsEntry("due", 0);
    // then
    assertThat(num(linkItem(link(1)), "attempt")).isEqualTo(2);
  }

  @Test
  void aRaisedAttempt_shouldNotBeReadAgain_whileTheStreamPublishesIt() {
    // given
    put(table.client(), due(deletedLink(link(1), "NOTIFIED", 1, 1), NOW.minusSeconds(1)));
    run();
    // when: a minute later, attempt 2 not published yet
    clock.advance(Duration.ofMinutes(1));
    // then
    assertThat(run()).containsExactly(Map.entry("due", 0), Map.entry("renotified", 0), Map.entry("overdue", 0));
    assertThat(num(linkItem(link(1)), "attempt")).isEqualTo(2);
  }

  @Test
  void aRaisedAttemptNeverPublished_shouldBeAskedForAgain_whenItsRecheckTimeComes() {
    // given: attempt 2 raised, its stream record lost
    put(table.client(), due(deletedLink(link(1), "NOTIFIED", 1, 1), NOW.minusSeconds(1)));
    run();
    var raised = linkItem(link(1));
    // when
    clock.advance(Duration.ofHours(1));
    assertThat(run()).containsExactly(Map.entry("due", 1), Map.entry("renotified", 0), Map.entry("overdue", 0));
    // then: the same attempt, touched (a new stream record), rechecked an hour on
    var touched = linkItem(link(1));
    assertThat(num(touched, "attempt")).isEqualTo(2);
    assertThat(touched.get(Keys.GSI2_SK).s()).isEqualTo("2026-11-23T14:00:00Z#" + link(1)).isNotEqualTo(raised.get(Keys.GSI2_SK).s());
    // and its record publishes attempt 2 once
    fanout.handleRequest(Fixtures.linksDeleted(List.of(link(1))), new FakeContext());
    assertThat(sns.bodies()).singleElement().satisfies(b -> assertThat(b.path("attempt").asInt()).isEqualTo(2));
  }

  @Test
  void theLastAttempt_shouldMakeTheNoticeOverdue_listedForOperators() {
    // given: attempt 5 of 5, waited for
    put(table.client(), due(deletedLink(link(1), "NOTIFIED", 5, 5), NOW.minusSeconds(60)));
    // when
    assertThat(run()).containsExactly(Map.entry("due", 1), Map.entry("renotified", 0), Map.entry("overdue", 1));
    // then
    var item = linkItem(link(1));
    assertThat(item.get("notice").s()).isEqualTo("OVERDUE");
    assertThat(num(item, "attempt")).isEqualTo(5);
    assertThat(item.get(Keys.GSI2_PK).s()).isEqualTo("OVERDUE");
    assertThat(item.get(Keys.GSI2_SK).s()).isEqualTo("2026-11-23T12:00:00Z#" + link(1));
    // and the next run does not see it
    assertThat(run()).containsEntry("due", 0);
    // and operators were alarmed once, naming the link and its asset
    var alarms = table.client().query(q -> q.tableName(org.labvault.shared.testing.EmbeddedTable.NAME)
        .keyConditionExpression("pk = :day").expressionAttributeValues(Map.of(":day", AttributeValue.fromS("ALARMS#2026-11-23"))))
        .items();
    assertThat(alarms).singleElement().satisfies(a -> {
      assertThat(a.get("alarmType").s()).isEqualTo("DELETION_OVERDUE");
      assertThat(a.get("category").s()).isEqualTo("PRODUCTION");
      assertThat(a.get("actor").s()).isEqualTo("system:renotify");
      assertThat(a.get("detail").s()).contains(link(1)).contains("asset ");
    });
  }

  @Test
  void anOverdueAlarmThatCouldNotBeStored_shouldBeRaisedByTheNextRun_once() {
    // given: attempt 5 of 5, waited for; the alarm's write fails in the first run
    put(table.client(), due(deletedLink(link(1), "NOTIFIED", 5, 5), NOW.minusSeconds(60)));
    dynamo.failPutsTo = "ALARMS#";
    // when
    org.assertj.core.api.Assertions.assertThatThrownBy(this::run).isInstanceOf(RuntimeException.class);
    clock.advance(Duration.ofMinutes(1));
    run();
    run();
    // then: the notice is overdue, and its one alarm is stored
    assertThat(linkItem(link(1)).get("notice").s()).isEqualTo("OVERDUE");
    var alarms = table.client().query(q -> q.tableName(org.labvault.shared.testing.EmbeddedTable.NAME)
        .keyConditionExpression("pk = :day").expressionAttributeValues(Map.of(":day", AttributeValue.fromS("ALARMS#2026-11-23"))))
        .items();
    assertThat(alarms).singleElement().satisfies(a -> assertThat(a.get("alarmType").s()).isEqualTo("DELETION_OVERDUE"));
  }

  @Test
  void aNoticeNotDue_shouldBeLeftAlone() {
    // given
    Map<String, AttributeValue> waiting = due(deletedLink(link(1), "NOTIFIED", 1, 1), NOW.plusSeconds(1));
    put(table.client(), waiting);
    // when
    assertThat(run()).containsEntry("due", 0);
    // then
    assertThat(linkItem(link(1))).isEqualTo(waiting);
  }

  @Test
  void theCostOfARun_shouldNotGrowWithNoticesThatAreNotDue() {
    // given: two due notices among none, then among 200 that wait
    put(table.client(), due(deletedLink(link(1), "NOTIFIED", 1, 1), NOW.minusSeconds(5)));
    put(table.client(), due(deletedLink(link(2), "NOTIFIED", 2, 2), NOW.minusSeconds(5)));
    run();
    int queriesAlone = dynamo.queries.getAndSet(0);
    int readAlone = dynamo.itemsRead.getAndSet(0);
    for (int i = 100; i < 300; i++) {
      put(table.client(), due(deletedLink(link(i), "NOTIFIED", 1, 1), NOW.plus(Duration.ofMinutes(i))));
    }
    put(table.client(), due(deletedLink(link(3), "NOTIFIED", 1, 1), NOW.minusSeconds(5)));
    put(table.client(), due(deletedLink(link(4), "NOTIFIED", 1, 1), NOW.minusSeconds(5)));
    // when
    Map<String, Integer> summary = run();
    // then: one query per shard, reading only the due notices
    assertThat(summary).containsEntry("due", 2).containsEntry("renotified", 2);
    assertThat(queriesAlone).isEqualTo(Keys.DUE_SHARDS);
    assertThat(dynamo.queries.get()).isEqualTo(queriesAlone);
    assertThat(readAlone).isEqualTo(2);
    assertThat(dynamo.itemsRead.get()).isEqualTo(2);
  }

  @Test
  void unusableSettings_shouldFailAtInit() {
    for (String bad : List.of("0", "-5", "soon", "")) {
      Map<String, String> env = new HashMap<>(Map.of(Config.Names.TABLE_NAME, EmbeddedTable.NAME,
          Config.Names.RENOTIFY_AFTER_SECONDS, "3600", Config.Names.RENOTIFY_MAX_ATTEMPTS, bad, Config.Names.AWS_REGION, "us-east-1"));
      assertThatThrownBy(() -> new RenotifyHandler(env)).isInstanceOf(Config.ConfigException.class)
          .hasMessageContaining(Config.Names.RENOTIFY_MAX_ATTEMPTS);
    }
  }
}
