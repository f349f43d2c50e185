package org.labvault.dynamodb.streams;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.h2.mvstore.MVMap;
import org.labvault.dynamodb.store.Store;
import org.labvault.dynamodb.table.StreamSpec;
import org.labvault.dynamodb.table.TableMeta;
import org.labvault.dynamodb.value.AttributeValue;
import org.labvault.dynamodb.value.AttributeValueJson;
import org.labvault.dynamodb.value.ItemSize;

/**
 * Stream records, written in the same commit as the change they describe. One shard per stream;
 * sequence numbers come from one engine-wide counter, so they increase within every shard.
 */
public final class StreamRecords {

  /** Sequence numbers are 21 digits, as DynamoDB's are at least. */
  static final BigDecimal SEQUENCE_BASE = new BigDecimal("100000000000000000000");
  public static final String SHARD_ID_PREFIX = "shardId-00000001000000000000-";
  static final long RETENTION_MILLIS = 24L * 60 * 60 * 1000;

  private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();

  private StreamRecords() {}

  /** Records a change when the table's stream is on; {@code service} marks TTL deletions. */
  public static void record(Store store, Clock clock, String region, TableMeta table, Map<String, AttributeValue> key,
      Map<String, AttributeValue> old, Map<String, AttributeValue> item, boolean service) {
    StreamSpec spec = table.stream();
    if (spec == null || !spec.enabled()) {
      return;
    }
    long seq = store.next("stream-sequence");
    ObjectNode record = JsonNodeFactory.instance.objectNode();
    record.put("eventID", UUID.randomUUID().toString().replace("-", ""));
    record.put("eventName", old == null ? "INSERT" : item == null ? "REMOVE" : "MODIFY");
    record.put("eventVersion", "1.1");
    record.put("eventSource", "aws:dynamodb");
    record.put("awsRegion", region);
    ObjectNode ddb = record.putObject("dynamodb");
    long now = clock.millis();
    ddb.put("ApproximateCreationDateTime", now / 1000);
    ddb.set("Keys", AttributeValueJson.writeItem(key));
    String view = spec.viewType();
    long size = ItemSize.of(key);
    if (item != null && (view.equals("NEW_IMAGE") || view.equals("NEW_AND_OLD_IMAGES"))) {
      ddb.set("NewImage", AttributeValueJson.writeItem(item));
      size += ItemSize.of(item);
    }
    if (old != null && (view.equals("OLD_IMAGE") || view.equals("NEW_AND_OLD_IMAGES"))) {
      ddb.set("OldImage", AttributeValueJson.writeItem(old));
      size += ItemSize.of(old);
    }
    ddb.put("SequenceNumber", sequenceNumber(seq));
    ddb.put("SizeBytes", size);
    ddb.put("StreamViewType", view);
    if (service) {
      record.putObject("userIdentity").put("PrincipalId", "dynamodb.amazonaws.com").put("Type", "Service");
    }
    MVMap<Long, String> stream = store.stream(table, spec.label());
    stream.put(seq, record.toString());
  }

  public static String sequenceNumber(long seq) {
    return SEQUENCE_BASE.add(BigDecimal.valueOf(seq)).toPlainString();
  }

  public static long sequence(String sequenceNumber) {
    return new BigDecimal(sequenceNumber).subtract(SEQUENCE_BASE).longValueExact();
  }

  /** Drops records older than 24 hours (records are in time order: it stops at the first one kept). */
  public static void trim(MVMap<Long, String> stream, long nowMillis) {
    var it = stream.entrySet().iterator();
    while (it.hasNext()) {
      var e = it.next();
      long createdSeconds;
      try {
        createdSeconds = MAPPER.readTree(e.getValue()).path("dynamodb").path("ApproximateCreationDateTime").asLong();
      } catch (java.io.IOException unreadable) {
        createdSeconds = 0; // a record that cannot be read is of no use to anyone
      }
      if (nowMillis - createdSeconds * 1000 <= RETENTION_MILLIS) {
        return;
      }
      stream.remove(e.getKey());
    }
  }
}
