package org.labvault.local.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.labvault.shared.json.Json;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** What the poller deletes after an invocation, and the event it builds, as Lambda does both. */
class SqsPollerTest {

  private static final List<Message> BATCH = List.of(message("m1"), message("m2"), message("m3"));

  private static Message message(String id) {
    return Message.builder().messageId(id).receiptHandle("rh-" + id).body("body " + id).md5OfBody("md5-" + id)
        .attributesWithStrings(Map.of("ApproximateReceiveCount", "1", "SentTimestamp", "1700000000000",
            "SenderId", "000000000000", "ApproximateFirstReceiveTimestamp", "1700000000001"))
        .messageAttributes(Map.of(
            "appId", MessageAttributeValue.builder().dataType("String").stringValue("eln").build(),
            "blob", MessageAttributeValue.builder().dataType("Binary").binaryValue(SdkBytes.fromUtf8String("hi")).build()))
        .build();
  }

  private static List<String> deleted(String response, boolean reportsFailures) {
    return SqsPoller.toDelete(BATCH, response.getBytes(StandardCharsets.UTF_8), reportsFailures, "Fn.Events.Q")
        .stream().map(Message::messageId).toList();
  }

  @Test
  void toDelete_shouldDeleteAllButTheReportedItems() {
    assertThat(deleted("{\"batchItemFailures\":[{\"itemIdentifier\":\"m2\"}]}", true)).containsExactly("m1", "m3");
  }

  @Test
  void toDelete_shouldDeleteEverythingWhenNothingIsReported() {
    assertThat(deleted("{\"batchItemFailures\":[]}", true)).containsExactly("m1", "m2", "m3");
    assertThat(deleted("null", true)).containsExactly("m1", "m2", "m3");
    assertThat(deleted("{}", true)).containsExactly("m1", "m2", "m3");
  }

  @Test
  void toDelete_shouldKeepTheWholeBatchWhenTheReportIsInvalid() {
    assertThat(deleted("{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}", true)).isEmpty();
    assertThat(deleted("{\"batchItemFailures\":[{\"itemIdentifier\":null}]}", true)).isEmpty();
    assertThat(deleted("{\"batchItemFailures\":[{\"itemIdentifier\":\"not-in-batch\"}]}", true)).isEmpty();
  }

  @Test
  void toDelete_shouldIgnoreTheReportWithoutReportBatchItemFailures() {
    assertThat(deleted("{\"batchItemFailures\":[{\"itemIdentifier\":\"m2\"}]}", false)).containsExactly("m1", "m2", "m3");
  }

  @Test
  void event_shouldBeTheSqsEventLambdaSends() {
    JsonNode event = Json.instance().mapper().valueToTree(
        SqsPoller.SqsEvents.event(BATCH.subList(0, 1), "arn:aws:sqs:us-east-1:000000000000:q", "us-east-1"));

    JsonNode record = event.path("Records").get(0);
    assertThat(record.path("messageId").asText()).isEqualTo("m1");
    assertThat(record.path("receiptHandle").asText()).isEqualTo("rh-m1");
    assertThat(record.path("body").asText()).isEqualTo("body m1");
    assertThat(record.path("md5OfBody").asText()).isEqualTo("md5-m1");
    assertThat(record.path("attributes").path("ApproximateReceiveCount").asText()).isEqualTo("1");
    assertThat(record.path("attributes").path("SentTimestamp").asText()).isEqualTo("1700000000000");
    assertThat(record.path("messageAttributes").path("appId").path("stringValue").asText()).isEqualTo("eln");
    assertThat(record.path("messageAttributes").path("appId").path("dataType").asText()).isEqualTo("String");
    assertThat(record.path("messageAttributes").path("appId").path("stringListValues").isArray()).isTrue();
    assertThat(record.path("messageAttributes").path("blob").path("binaryValue").asText()).isEqualTo("aGk=");
    assertThat(record.path("eventSource").asText()).isEqualTo("aws:sqs");
    assertThat(record.path("eventSourceARN").asText()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:q");
    assertThat(record.path("awsRegion").asText()).isEqualTo("us-east-1");
  }
}
