package org.labvault.local.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.labvault.shared.json.Json;

/** How the query protocol's flattened parameters are read, and how the envelope is written. */
class QueryRequestTest {

  @Test
  void parse_shouldDecodeTheFormAndReadMapsAndAttributes() {
    QueryRequest r = QueryRequest.parse("Action=Publish&Version=2010-03-31&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A0%3At"
        + "&Message=hello+w%C3%B6rld&MessageAttributes.entry.2.Name=n&MessageAttributes.entry.2.Value.DataType=Number"
        + "&MessageAttributes.entry.2.Value.StringValue=5&MessageAttributes.entry.1.Name=b"
        + "&MessageAttributes.entry.1.Value.DataType=Binary&MessageAttributes.entry.1.Value.BinaryValue="
        + Base64.getEncoder().encodeToString(new byte[] {1, 2}).replace("=", "%3D")
        + "&Attributes.entry.1.key=DisplayName&Attributes.entry.1.value=My+topic");

    assertThat(r.action()).isEqualTo("Publish");
    assertThat(r.get("TopicArn")).isEqualTo("arn:aws:sns:us-east-1:0:t");
    assertThat(r.get("Message")).isEqualTo("hello wörld");
    assertThat(r.map("Attributes")).containsExactly(Map.entry("DisplayName", "My topic"));
    Map<String, MessageAttribute> attributes = r.messageAttributes("MessageAttributes");
    assertThat(attributes.keySet()).containsExactly("b", "n");
    assertThat(attributes.get("b").binaryValue()).containsExactly(1, 2);
    assertThat(attributes.get("n").stringValue()).isEqualTo("5");
  }

  @Test
  void members_shouldReadEachBatchEntryInOrderWithItsOwnAttributes() {
    QueryRequest r = QueryRequest.parse("PublishBatchRequestEntries.member.10.Id=j&PublishBatchRequestEntries.member.10.Message=m10"
        + "&PublishBatchRequestEntries.member.2.Id=b&PublishBatchRequestEntries.member.2.Message=m2"
        + "&PublishBatchRequestEntries.member.2.MessageAttributes.entry.1.Name=appId"
        + "&PublishBatchRequestEntries.member.2.MessageAttributes.entry.1.Value.DataType=String"
        + "&PublishBatchRequestEntries.member.2.MessageAttributes.entry.1.Value.StringValue=eln");

    List<QueryRequest> entries = r.members("PublishBatchRequestEntries");

    assertThat(entries).extracting(e -> e.get("Id")).containsExactly("b", "j");
    assertThat(entries.get(0).messageAttributes("MessageAttributes").get("appId").stringValue()).isEqualTo("eln");
    assertThat(entries.get(1).messageAttributes("MessageAttributes")).isEmpty();
  }

  @Test
  void required_andAttributes_shouldFailWithSnsErrors() {
    QueryRequest r = QueryRequest.parse("Action=Publish&MessageAttributes.entry.1.Name=n"
        + "&MessageAttributes.entry.1.Value.DataType=Number&MessageAttributes.entry.1.Value.StringValue=abc");
    assertThatThrownBy(() -> r.required("TopicArn")).isInstanceOfSatisfying(SnsError.class,
        e -> assertThat(e.type()).isEqualTo("ValidationError"));
    assertThatThrownBy(() -> r.messageAttributes("MessageAttributes")).isInstanceOfSatisfying(SnsError.class,
        e -> assertThat(e.type()).isEqualTo("InvalidParameterValue"));
  }

  @Test
  void envelope_shouldCarryTheFieldsSnsSendsToASubscriber() throws Exception {
    var n = new SnsEnvelope.Notification("id-1", "arn:aws:sns:us-east-1:000000000000:t", "subject", "{\"a\":1}",
        Map.of("appId", new MessageAttribute("String", "eln", null),
            "raw", new MessageAttribute("Binary", null, "hi".getBytes(StandardCharsets.UTF_8))),
        Instant.parse("2026-11-30T10:00:00.123456Z"));

    var json = Json.instance().mapper().readTree(SnsEnvelope.of(n, "arn:aws:sns:us-east-1:000000000000:t:sub", "us-east-1"));

    assertThat(json.path("Type").asText()).isEqualTo("Notification");
    assertThat(json.path("MessageId").asText()).isEqualTo("id-1");
    assertThat(json.path("Subject").asText()).isEqualTo("subject");
    assertThat(json.path("Message").asText()).isEqualTo("{\"a\":1}");
    assertThat(json.path("Timestamp").asText()).isEqualTo("2026-11-30T10:00:00.123Z");
    assertThat(json.path("SignatureVersion").asText()).isEqualTo("1");
    assertThat(json.path("Signature").asText()).isNotEmpty();
    assertThat(json.path("SigningCertURL").asText()).startsWith("https://sns.us-east-1.amazonaws.com/");
    assertThat(json.path("UnsubscribeURL").asText()).endsWith("SubscriptionArn=arn:aws:sns:us-east-1:000000000000:t:sub");
    assertThat(json.path("MessageAttributes").path("appId").path("Type").asText()).isEqualTo("String");
    assertThat(json.path("MessageAttributes").path("appId").path("Value").asText()).isEqualTo("eln");
    assertThat(json.path("MessageAttributes").path("raw").path("Value").asText()).isEqualTo("aGk=");
  }

  @Test
  void envelope_shouldLeaveOutSubjectAndAttributesWhenThereAreNone() throws Exception {
    var n = new SnsEnvelope.Notification("id-2", "arn:t", null, "m", Map.of(), Instant.now());
    var json = Json.instance().mapper().readTree(SnsEnvelope.of(n, "arn:t:s", "us-east-1"));
    assertThat(json.has("Subject")).isFalse();
    assertThat(json.has("MessageAttributes")).isFalse();
  }
}
