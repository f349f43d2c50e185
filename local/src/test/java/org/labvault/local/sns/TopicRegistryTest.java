package org.labvault.local.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopicRegistryTest {

  @TempDir Path dir;

  @Test
  void open_shouldFindTheTopicsAndSubscriptionsOfTheLastRun() {
    // given
    Path file = dir.resolve("sns/topics.json");
    TopicRegistry first = TopicRegistry.open(file);
    first.createTopic("arn:aws:sns:us-east-1:0:t", "t", Map.of("DisplayName", "T"));
    var kept = first.subscribe("arn:aws:sns:us-east-1:0:t", "sqs", "arn:aws:sqs:us-east-1:0:q",
        Map.of("RawMessageDelivery", "true"));
    var dropped = first.subscribe("arn:aws:sns:us-east-1:0:t", "sqs", "arn:aws:sqs:us-east-1:0:other", Map.of());
    first.unsubscribe(dropped.arn());

    // when
    TopicRegistry again = TopicRegistry.open(file);

    // then
    assertThat(again.topics()).singleElement().satisfies(t -> assertThat(t.attributes()).containsEntry("DisplayName", "T"));
    assertThat(again.subscriptionsOf("arn:aws:sns:us-east-1:0:t")).containsExactly(kept);
  }

  @Test
  void subscribe_shouldAnswerTheSameSubscriptionForTheSameQueueAndRefuseOtherAttributes() {
    TopicRegistry registry = TopicRegistry.open(null);
    var s = registry.subscribe("t", "sqs", "q", Map.of("RawMessageDelivery", "true"));
    assertThat(registry.subscribe("t", "sqs", "q", Map.of("RawMessageDelivery", "true"))).isEqualTo(s);
    assertThatThrownBy(() -> registry.subscribe("t", "sqs", "q", Map.of()))
        .isInstanceOfSatisfying(SnsError.class, e -> assertThat(e.type()).isEqualTo("InvalidParameter"));
    assertThat(registry.declare("t", "sqs", "q", Map.of()).arn()).as("the template's attributes win").isEqualTo(s.arn());
  }
}
