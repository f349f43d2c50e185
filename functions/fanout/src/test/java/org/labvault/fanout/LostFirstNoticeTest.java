package org.labvault.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.labvault.fanout.Fixtures.DELETED_AT;
import static org.labvault.fanout.Fixtures.SAMPLE_LINK;
import static org.labvault.fanout.Fixtures.item;
import static org.labvault.fanout.Fixtures.put;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.testing.EmbeddedTable;
import org.labvault.shared.testing.FakeContext;
import org.labvault.shared.testing.FakeSns;
import org.labvault.shared.testing.InMemoryObjectStore;
import org.labvault.shared.testing.TestClock;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The first notice of a deleted link whose stream record was given up on (every retry failed, the
 * record went to the on-failure queue): the schedule still finds it and has it published, once.
 */
class LostFirstNoticeTest {

  /** How many times the stream mapping delivers a failing record before it gives up (the template's). */
  static final int STREAM_RETRIES = 10;

  private EmbeddedTable table;
  private FakeSns sns;
  private TestClock clock;
  private FanoutHandler fanout;
  private RenotifyHandler renotify;

  @BeforeEach
  void setUp() {
    table = new EmbeddedTable();
    sns = new FakeSns();
    clock = new TestClock(DELETED_AT.plusSeconds(5));
    var c = DaggerTestFanoutComponent.factory().create(FanoutHandlerTest.config(), table.client(), sns, clock,
        new ArrayList<>(), new InMemoryObjectStore(clock));
    fanout = new FanoutHandler(c);
    renotify = new RenotifyHandler(c);
  }

  @AfterEach
  void tearDown() {
    table.close();
  }

  private List<String> deliver(DynamodbEvent event) {
    return fanout.handleRequest(event, new FakeContext()).getBatchItemFailures().stream()
        .map(StreamsEventResponse.BatchItemFailure::getItemIdentifier).toList();
  }

  private Map<String, Integer> runSchedule() {
    return renotify.handleRequest(Fixtures.scheduled(), new FakeContext());
  }

  private Map<String, AttributeValue> linkItem() {
    return item(table.client(), Keys.link(SAMPLE_LINK));
  }

  @Test
  void attempt1_shouldBePublishedOnce_whenItsStreamRecordWasGivenUpOnAndTheScheduleFindsItDue() {
    // given: the asset's deletion expanded into the link's notice intent
    Fixtures.deletedAsset(table.client(), 1);
    put(table.client(), Fixtures.liveLink(SAMPLE_LINK));
    assertThat(deliver(Fixtures.sample("asset-deleted.json"))).isEmpty();
    // and: SNS fails on every delivery of the link's record until the stream gives up on it
    sns.failCalls(Integer.MAX_VALUE);
    for (int delivery = 0; delivery <= STREAM_RETRIES; delivery++) {
      assertThat(deliver(Fixtures.sample("link-deleted.json"))).hasSize(1);
    }
    assertThat(sns.published).isEmpty();

    // when: the schedule runs before the notice is due
    assertThat(runSchedule()).containsEntry("due", 0);

    // when: the wait has passed; the schedule runs, SNS is back, the stream delivers the new record
    clock.advance(Duration.ofHours(1));
    assertThat(runSchedule()).containsExactly(Map.entry("due", 1), Map.entry("renotified", 0), Map.entry("overdue", 0));
    sns.acceptAll();
    assertThat(deliver(Fixtures.sample("link-deleted.json"))).isEmpty();

    // then: attempt 1, published once, waits for its confirmation an hour
    assertThat(sns.bodies()).singleElement().satisfies(b -> assertThat(b.path("attempt").asInt()).isEqualTo(1));
    var item = linkItem();
    assertThat(item.get("attempt").n()).isEqualTo("1");
    assertThat(item.get("publishedAttempt").n()).isEqualTo("1");
    assertThat(item.get(Keys.GSI2_SK).s()).isEqualTo("2026-11-23T11:00:05Z#" + SAMPLE_LINK);

    // when: the schedule and the stream come again
    assertThat(runSchedule()).containsEntry("due", 0);
    assertThat(deliver(Fixtures.sample("link-deleted.json"))).isEmpty();

    // then: nothing more is published
    assertThat(sns.published).hasSize(1);
  }
}
