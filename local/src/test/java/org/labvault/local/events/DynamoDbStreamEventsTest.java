package org.labvault.local.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.labvault.shared.json.Json;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

class DynamoDbStreamEventsTest {

  private static final String STREAM = "arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/2026-03-01T00:00:00.000";

  private static Record ttlRemoval() {
    return Record.builder()
        .eventID("e1")
        .eventName(OperationType.REMOVE)
        .eventVersion("1.1")
        .eventSource("aws:dynamodb")
        .awsRegion("us-east-1")
        .userIdentity(Identity.builder().type("Service").principalId("dynamodb.amazonaws.com").build())
        .dynamodb(StreamRecord.builder()
            .approximateCreationDateTime(Instant.parse("2026-03-01T10:00:00Z"))
            .keys(Map.of("pk", AttributeValue.fromS("a#1")))
            .oldImage(Map.of(
                "pk", AttributeValue.fromS("a#1"),
                "n", AttributeValue.fromN("42"),
                "bin", AttributeValue.fromB(SdkBytes.fromUtf8String("hi")),
                "tags", AttributeValue.fromSs(List.of("x", "y")),
                "nested", AttributeValue.fromM(Map.of("ok", AttributeValue.fromBool(true),
                    "none", AttributeValue.fromNul(true), "list", AttributeValue.fromL(List.of(AttributeValue.fromN("1")))))))
            .sequenceNumber("000000000000000000042")
            .sizeBytes(77L)
            .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)
            .build())
        .build();
  }

  @Test
  void record_shouldHaveTheShapeLambdaSends() throws Exception {
    var json = Json.instance().mapper().readTree(Json.instance().write(DynamoDbStreamEvents.record(ttlRemoval(), STREAM)));
    assertThat(json.path("eventID").asText()).isEqualTo("e1");
    assertThat(json.path("eventName").asText()).isEqualTo("REMOVE");
    assertThat(json.path("eventVersion").asText()).isEqualTo("1.1");
    assertThat(json.path("eventSource").asText()).isEqualTo("aws:dynamodb");
    assertThat(json.path("awsRegion").asText()).isEqualTo("us-east-1");
    assertThat(json.path("eventSourceARN").asText()).isEqualTo(STREAM);
    assertThat(json.at("/dynamodb/ApproximateCreationDateTime").isNumber()).isTrue();
    assertThat(json.at("/dynamodb/ApproximateCreationDateTime").asLong()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z").getEpochSecond());
    assertThat(json.at("/dynamodb/Keys/pk/S").asText()).isEqualTo("a#1");
    assertThat(json.at("/dynamodb/OldImage/n/N").asText()).isEqualTo("42");
    assertThat(json.at("/dynamodb/OldImage/bin/B").asText()).isEqualTo("aGk=");
    assertThat(json.at("/dynamodb/OldImage/nested/M/none/NULL").asBoolean()).isTrue();
    assertThat(json.at("/dynamodb/NewImage").isMissingNode()).isTrue();
    assertThat(json.at("/dynamodb/SequenceNumber").asText()).isEqualTo("000000000000000000042");
    assertThat(json.at("/dynamodb/SizeBytes").asLong()).isEqualTo(77);
    assertThat(json.at("/dynamodb/StreamViewType").asText()).isEqualTo("NEW_AND_OLD_IMAGES");
    // Lambda's lower-case keys, where the Streams API says Type and PrincipalId
    assertThat(json.at("/userIdentity/type").asText()).isEqualTo("Service");
    assertThat(json.at("/userIdentity/principalId").asText()).isEqualTo("dynamodb.amazonaws.com");
  }

  @Test
  void record_shouldReachAHandlerTakingDynamodbEventWithEveryField() {
    // given: the event as the runtime's serializers read it for a RequestHandler<DynamodbEvent, ?>
    String event = Json.instance().write(Map.of("Records", List.of(DynamoDbStreamEvents.record(ttlRemoval(), STREAM))));
    DynamodbEvent parsed = LambdaEventSerializers.serializerFor(DynamodbEvent.class, getClass().getClassLoader())
        .fromJson(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)));

    // then
    var record = parsed.getRecords().getFirst();
    assertThat(record.getEventID()).isEqualTo("e1");
    assertThat(record.getEventName()).isEqualTo("REMOVE");
    assertThat(record.getEventVersion()).isEqualTo("1.1");
    assertThat(record.getEventSource()).isEqualTo("aws:dynamodb");
    assertThat(record.getAwsRegion()).isEqualTo("us-east-1");
    assertThat(record.getEventSourceARN()).isEqualTo(STREAM);
    assertThat(record.getUserIdentity().getType()).isEqualTo("Service");
    assertThat(record.getUserIdentity().getPrincipalId()).isEqualTo("dynamodb.amazonaws.com");
    var d = record.getDynamodb();
    assertThat(d.getApproximateCreationDateTime().toInstant()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
    assertThat(d.getKeys().get("pk").getS()).isEqualTo("a#1");
    assertThat(d.getOldImage().get("n").getN()).isEqualTo("42");
    assertThat(d.getOldImage().get("bin").getB().array()).isEqualTo("hi".getBytes(StandardCharsets.UTF_8));
    assertThat(d.getOldImage().get("tags").getSS()).containsExactly("x", "y");
    assertThat(d.getOldImage().get("nested").getM().get("ok").getBOOL()).isTrue();
    assertThat(d.getOldImage().get("nested").getM().get("none").getNULL()).isTrue();
    assertThat(d.getOldImage().get("nested").getM().get("list").getL().getFirst().getN()).isEqualTo("1");
    assertThat(d.getSequenceNumber()).isEqualTo("000000000000000000042");
    assertThat(d.getSizeBytes()).isEqualTo(77L);
    assertThat(d.getStreamViewType()).isEqualTo("NEW_AND_OLD_IMAGES");
  }
}
