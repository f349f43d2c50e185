package org.labvault.local.events;

import java.math.BigDecimal;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * A DynamoDB Streams record as Lambda hands it to a function: the Streams API's record with
 * {@code eventSourceARN}, the creation time in epoch seconds, attribute values in their wire form,
 * and Lambda's lower-case {@code userIdentity} keys ({@code type}, {@code principalId}).
 */
final class DynamoDbStreamEvents {
  private DynamoDbStreamEvents() {}

  static Map<String, Object> record(Record r, String streamArn) {
    StreamRecord d = r.dynamodb();
    Map<String, Object> dynamodb = new LinkedHashMap<>();
    if (d.approximateCreationDateTime() != null) {
      // Lambda sends seconds since the epoch as a number
      dynamodb.put("ApproximateCreationDateTime", d.approximateCreationDateTime().getEpochSecond());
    }
    if (d.hasKeys()) {
      dynamodb.put("Keys", item(d.keys()));
    }
    if (d.hasNewImage()) {
      dynamodb.put("NewImage", item(d.newImage()));
    }
    if (d.hasOldImage()) {
      dynamodb.put("OldImage", item(d.oldImage()));
    }
    dynamodb.put("SequenceNumber", d.sequenceNumber());
    dynamodb.put("SizeBytes", d.sizeBytes());
    dynamodb.put("StreamViewType", d.streamViewTypeAsString());
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("eventID", r.eventID());
    event.put("eventName", r.eventNameAsString());
    event.put("eventVersion", "1.1");
    event.put("eventSource", "aws:dynamodb");
    event.put("awsRegion", r.awsRegion());
    event.put("dynamodb", dynamodb);
    event.put("eventSourceARN", streamArn);
    Identity identity = r.userIdentity();
    if (identity != null) {
      event.put("userIdentity", Map.of("type", identity.type(), "principalId", identity.principalId()));
    }
    return event;
  }

  static Map<String, Object> item(Map<String, AttributeValue> item) {
    Map<String, Object> out = new LinkedHashMap<>();
    item.forEach((name, value) -> out.put(name, value(value)));
    return out;
  }

  /** One attribute value in DynamoDB's JSON wire form ({@code {"S": "..."}}, {@code {"N": "1"}} ...). */
  static Map<String, Object> value(AttributeValue v) {
    return switch (v.type()) {
      case S -> Map.of("S", v.s());
      case N -> Map.of("N", v.n());
      case B -> Map.of("B", base64(v.b()));
      case SS -> Map.of("SS", v.ss());
      case NS -> Map.of("NS", v.ns());
      case BS -> Map.of("BS", v.bs().stream().map(DynamoDbStreamEvents::base64).toList());
      case M -> Map.of("M", item(v.m()));
      case L -> Map.of("L", v.l().stream().map(DynamoDbStreamEvents::value).toList());
      case NUL -> Map.of("NULL", true);
      case BOOL -> Map.of("BOOL", v.bool());
      case UNKNOWN_TO_SDK_VERSION -> throw new IllegalArgumentException("an attribute value of unknown type");
    };
  }

  private static String base64(SdkBytes bytes) {
    return Base64.getEncoder().encodeToString(bytes.asByteArray());
  }

  /** The sequence number's numeric value, for ordering (they are decimal strings of any length). */
  static BigDecimal order(String sequenceNumber) {
    return new BigDecimal(sequenceNumber);
  }

  static List<Map<String, Object>> records(List<Record> records, String streamArn) {
    return records.stream().map(r -> record(r, streamArn)).toList();
  }
}
