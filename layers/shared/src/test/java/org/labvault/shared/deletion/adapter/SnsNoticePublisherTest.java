package org.labvault.shared.deletion.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.labvault.shared.config.Config;
import org.labvault.shared.deletion.port.NoticePublisher.Notice;
import org.labvault.shared.json.Json;
import org.labvault.shared.testing.FakeSns;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;

class SnsNoticePublisherTest {

  static final String TOPIC = "arn:aws:sns:eu-central-1:123456789012:asset-events";

  private final FakeSns sns = new FakeSns();
  private final SnsNoticePublisher publisher =
      new SnsNoticePublisher(sns, Json.instance(), Config.from(Map.of(Config.Names.ASSET_EVENTS_TOPIC_ARN, TOPIC)));

  static Notice notice(int n) {
    return new Notice("link-" + n, "asset-1", "group-1", n % 2 == 0 ? "sample-eln" : "lims", "ref \"" + n + "\"",
        "LINK_DELETED", Instant.parse("2026-11-23T09:00:00.750Z"), 3);
  }

  @Test
  void publish_shouldSendTheContractsBodyAndTheAppIdAttribute_inOneBatch() {
    // when
    var failed = publisher.publish(List.of(notice(1), notice(2)));
    // then
    assertThat(failed).isEmpty();
    assertThat(sns.calls).singleElement().satisfies(c -> assertThat(c.topicArn()).isEqualTo(TOPIC));
    assertThat(sns.published).extracting(PublishBatchRequestEntry::id).containsExactly("0", "1");
    assertThat(sns.published.get(0).message()).isEqualTo("{\"type\":\"AppLinkDeleted\",\"linkId\":\"link-1\","
        + "\"assetId\":\"asset-1\",\"groupId\":\"group-1\",\"appId\":\"lims\",\"externalRef\":\"ref \\\"1\\\"\","
        + "\"reason\":\"LINK_DELETED\",\"deletedAt\":\"2026-11-23T09:00:00Z\",\"attempt\":3}");
    assertThat(sns.published.get(1).messageAttributes()).containsExactly(
        Map.entry("appId", MessageAttributeValue.builder().dataType("String").stringValue("sample-eln").build()));
  }

  @Test
  void publish_shouldAnswerOnlyTheRefusedEntries() {
    sns.refuse("link-2");
    assertThat(publisher.publish(List.of(notice(1), notice(2), notice(3)))).containsExactly("link-2");
    assertThat(sns.published).hasSize(2);
  }

  @Test
  void publish_shouldAnswerEveryEntry_whenTheCallFails() {
    sns.failCalls(1);
    assertThat(publisher.publish(List.of(notice(1), notice(2)))).containsExactlyInAnyOrder("link-1", "link-2");
    assertThat(sns.published).isEmpty();
  }

  @Test
  void publish_shouldRefuseMoreThanABatchOrALinkTwice() {
    var eleven = IntStream.rangeClosed(1, 11).mapToObj(SnsNoticePublisherTest::notice).toList();
    assertThatThrownBy(() -> publisher.publish(eleven)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> publisher.publish(List.of(notice(1), notice(1)))).isInstanceOf(IllegalArgumentException.class);
    assertThat(publisher.publish(List.of())).isEmpty();
    assertThat(sns.calls).isEmpty();
  }
}
