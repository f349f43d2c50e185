package org.labvault.local.iot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicPolicyTest {

  @ParameterizedTest
  @CsvSource({
      "labvault/instruments/a/upload-requests, true",
      "labvault/instruments/a/x/y, true",
      "labvault/instruments/a/, false",
      "labvault/instruments/a, false",
      "labvault/instruments/b/upload-requests, false",
      "labvault/instruments/ab/x, false",
      "labvault/instruments/a/+, false",
      "labvault/instruments/a/#, false",
      "other/a/x, false"})
  void mayPublish_shouldAllowOnlyTopicsUnderTheThingsOwnPrefix(String topic, boolean allowed) {
    assertThat(TopicPolicy.mayPublish("a", topic)).isEqualTo(allowed);
  }

  @ParameterizedTest
  @CsvSource({
      "labvault/instruments/a/upload-responses, true",
      "labvault/instruments/a/#, true",
      "labvault/instruments/a/+, true",
      "#, false",
      "+/instruments/a/x, false",
      "labvault/#, false",
      "labvault/instruments/+/upload-responses, false",
      "labvault/instruments/#, false",
      "labvault/instruments/b/#, false",
      "$share/g/labvault/instruments/a/x, false"})
  void maySubscribe_shouldAllowOnlyFiltersUnderTheThingsOwnPrefix(String filter, boolean allowed) {
    assertThat(TopicPolicy.maySubscribe("a", filter)).isEqualTo(allowed);
  }

  @ParameterizedTest
  @CsvSource({"+", "#", "a/b", "''"})
  void aClientIdThatIsNotAThingName_shouldGetNoTopic(String clientId) {
    assertThat(TopicPolicy.mayPublish(clientId, "labvault/instruments/" + clientId + "/x")).isFalse();
    assertThat(TopicPolicy.maySubscribe(clientId, "labvault/instruments/" + clientId + "/#")).isFalse();
  }
}
