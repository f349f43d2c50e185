package org.labvault.dynamodb.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.labvault.dynamodb.DynamoDbException;
import org.labvault.dynamodb.streams.StreamRecords;
import org.labvault.dynamodb.table.StreamSpec;
import org.labvault.dynamodb.table.TableMeta;

/**
 * DynamoDB Streams: ListStreams, DescribeStream, GetShardIterator and GetRecords. Each stream has
 * one shard; a shard iterator is an opaque token naming the stream and the position, valid for
 * 15 minutes like DynamoDB's.
 */
public final class StreamOperations {

  static final String PREFIX = "DynamoDBStreams_20120810.";
  static final long ITERATOR_MILLIS = 15 * 60 * 1000;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final EngineState state;

  private StreamOperations(EngineState state) {
    this.state = state;
  }

  public static void register(Map<String, Operation> operations, EngineState state) {
    StreamOperations ops = new StreamOperations(state);
    operations.put(PREFIX + "ListStreams", ops::listStreams);
    operations.put(PREFIX + "DescribeStream", ops::describeStream);
    operations.put(PREFIX + "GetShardIterator", ops::getShardIterator);
    operations.put(PREFIX + "GetRecords", ops::getRecords);
  }

  private record StreamRef(TableMeta table, StreamSpec spec) {
    String shardId() {
      return StreamRecords.SHARD_ID_PREFIX + spec.label().replaceAll("[^0-9]", "");
    }
  }

  private StreamRef stream(String arn) {
    if (arn == null) {
      throw DynamoDbException.validation("1 validation error detected: Value null at 'streamArn' failed to satisfy"
          + " constraint: Member must not be null");
    }
    for (String name : state.store().names()) {
      TableMeta t = state.store().find(name).orElse(null);
      if (t == null || !arn.startsWith(t.arn() + "/stream/")) {
        continue;
      }
      for (StreamSpec spec : streams(t)) {
        if (spec.arn().equals(arn)) {
          return new StreamRef(t, spec);
        }
      }
    }
    throw DynamoDbException.resourceNotFound("Requested resource not found: Stream: " + arn + " not found");
  }

  /**
   * The table's streams: the current one, and older ones (disabled) while they still hold records,
   * as DynamoDB keeps a disabled stream readable for 24 hours.
   */
  private java.util.List<StreamSpec> streams(TableMeta t) {
    java.util.List<StreamSpec> specs = new java.util.ArrayList<>();
    for (String label : state.store().read(() -> state.store().streamLabels(t))) {
      if (t.stream() == null || !label.equals(t.stream().label())) {
        specs.add(new StreamSpec(false, viewTypeOf(t, label), label, t.arn() + "/stream/" + label));
      }
    }
    if (t.stream() != null) {
      specs.add(t.stream());
    }
    return specs;
  }

  /** An older stream's view type, as its first record says. */
  private String viewTypeOf(TableMeta t, String label) {
    return state.store().read(() -> {
      MVMap<Long, String> records = state.store().stream(t, label);
      Long first = records.firstKey();
      return first == null ? "KEYS_ONLY" : parse(records.get(first)).path("dynamodb").path("StreamViewType").asText("KEYS_ONLY");
    });
  }

  JsonNode listStreams(ObjectNode request) {
    String tableName = Requests.text(request, "TableName");
    ObjectNode response = Requests.object();
    ArrayNode streams = response.putArray("Streams");
    for (String name : state.store().names()) {
      TableMeta t = state.store().find(name).orElse(null);
      if (t == null || tableName != null && !tableName.equals(name)) {
        continue;
      }
      for (StreamSpec spec : streams(t)) {
        streams.addObject().put("StreamArn", spec.arn()).put("TableName", name).put("StreamLabel", spec.label());
      }
    }
    return response;
  }

  JsonNode describeStream(ObjectNode request) {
    StreamRef ref = stream(Requests.text(request, "StreamArn"));
    ObjectNode response = Requests.object();
    ObjectNode d = response.putObject("StreamDescription");
    d.put("StreamArn", ref.spec().arn());
    d.put("StreamLabel", ref.spec().label());
    d.put("StreamStatus", ref.spec().enabled() ? "ENABLED" : "DISABLED");
    d.put("StreamViewType", ref.spec().viewType());
    d.put("CreationRequestDateTime",
        LocalDateTime.parse(ref.spec().label()).toInstant(ZoneOffset.UTC).toEpochMilli() / 1000.0);
    d.put("TableName", ref.table().name());
    ArrayNode key = d.putArray("KeySchema");
    key.addObject().put("AttributeName", ref.table().key().hash()).put("KeyType", "HASH");
    if (ref.table().key().hasRange()) {
      key.addObject().put("AttributeName", ref.table().key().range()).put("KeyType", "RANGE");
    }
    ObjectNode shard = d.putArray("Shards").addObject();
    shard.put("ShardId", ref.shardId());
    ObjectNode range = shard.putObject("SequenceNumberRange");
    state.store().read(() -> {
      MVMap<Long, String> records = state.store().stream(ref.table(), ref.spec().label());
      Long first = records.firstKey();
      range.put("StartingSequenceNumber", StreamRecords.sequenceNumber(first == null ? 1 : first));
      if (!ref.spec().enabled()) {
        Long last = records.lastKey();
        range.put("EndingSequenceNumber", StreamRecords.sequenceNumber(last == null ? 1 : last));
      }
      return null;
    });
    return response;
  }

  JsonNode getShardIterator(ObjectNode request) {
    StreamRef ref = stream(Requests.text(request, "StreamArn"));
    String shardId = Requests.text(request, "ShardId");
    if (!ref.shardId().equals(shardId)) {
      throw DynamoDbException.resourceNotFound("Requested resource not found: Shard does not exist");
    }
    String type = Requests.text(request, "ShardIteratorType");
    String sequence = Requests.text(request, "SequenceNumber");
    long position = state.store().read(() -> {
      MVMap<Long, String> records = state.store().stream(ref.table(), ref.spec().label());
      return switch (type == null ? "" : type) {
        case "TRIM_HORIZON" -> 0L;
        case "LATEST" -> records.lastKey() == null ? 0L : records.lastKey();
        case "AT_SEQUENCE_NUMBER" -> sequence(sequence) - 1;
        case "AFTER_SEQUENCE_NUMBER" -> sequence(sequence);
        default -> throw DynamoDbException.validation("1 validation error detected: Value '" + type
            + "' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set:"
            + " [AFTER_SEQUENCE_NUMBER, LATEST, AT_SEQUENCE_NUMBER, TRIM_HORIZON]");
      };
    });
    ObjectNode response = Requests.object();
    response.put("ShardIterator", iterator(ref, position));
    return response;
  }

  private static long sequence(String sequenceNumber) {
    if (sequenceNumber == null) {
      throw DynamoDbException.validation("SequenceNumber is required for AT_SEQUENCE_NUMBER and AFTER_SEQUENCE_NUMBER");
    }
    try {
      return StreamRecords.sequence(sequenceNumber);
    } catch (RuntimeException e) {
      throw DynamoDbException.validation("Invalid SequenceNumber: " + sequenceNumber);
    }
  }

  private String iterator(StreamRef ref, long after) {
    String raw = ref.spec().arn() + "|" + after + "|" + state.clock().millis();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  JsonNode getRecords(ObjectNode request) {
    String token = Requests.text(request, "ShardIterator");
    String[] parts;
    try {
      parts = new String(Base64.getUrlDecoder().decode(token == null ? "" : token), StandardCharsets.UTF_8).split("\\|");
      if (parts.length != 3) {
        throw new IllegalArgumentException("three parts");
      }
      Long.parseLong(parts[1]);
      Long.parseLong(parts[2]);
    } catch (RuntimeException e) {
      throw DynamoDbException.validation("Invalid ShardIterator");
    }
    if (state.clock().millis() - Long.parseLong(parts[2]) > ITERATOR_MILLIS) {
      throw new DynamoDbException("ExpiredIteratorException", "Iterator expired");
    }
    StreamRef ref = stream(parts[0]);
    long after = Long.parseLong(parts[1]);
    int limit = recordLimit(request.get("Limit"));
    ObjectNode response = Requests.object();
    ArrayNode records = response.putArray("Records");
    long last = state.store().read(() -> {
      MVMap<Long, String> stream = state.store().stream(ref.table(), ref.spec().label());
      long position = after;
      var cursor = stream.cursor(after + 1);
      while (cursor.hasNext() && records.size() < limit) {
        position = cursor.next();
        records.add(parse(cursor.getValue()));
      }
      return position;
    });
    boolean closed = !ref.spec().enabled() && records.isEmpty();
    if (!closed) {
      response.put("NextShardIterator", iterator(ref, last));
    }
    return response;
  }

  /** GetRecords' Limit: 1 to 1000, 1000 when absent. */
  private static int recordLimit(JsonNode limit) {
    if (limit == null || limit.isNull()) {
      return 1000;
    }
    if (!limit.isIntegralNumber() || !limit.canConvertToInt()) {
      throw new DynamoDbException("com.amazon.coral.service#SerializationException", null);
    }
    int value = limit.asInt();
    if (value < 1 || value > 1000) {
      throw DynamoDbException.validation("1 validation error detected: Value '" + value + "' at 'limit' failed to"
          + " satisfy constraint: Member must have value " + (value < 1 ? "greater than or equal to 1" : "less than or equal to 1000"));
    }
    return value;
  }

  private static JsonNode parse(String record) {
    try {
      return MAPPER.readTree(record);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
