package org.labvault.shared.stream;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.util.List;
import org.slf4j.MDC;

/**
 * The part every consumer of the table's stream shares: the request id in the log context while a
 * batch runs, and the sequence numbers of failed records answered as Lambda's partial batch
 * response (Lambda resumes the shard at the lowest of them).
 */
public final class StreamResponses {

  /** Processes one batch: answers the sequence numbers of the records that failed. */
  @FunctionalInterface
  public interface Batch {
    List<String> process(List<DynamodbEvent.DynamodbStreamRecord> records, String requestId);
  }

  private StreamResponses() {}

  public static StreamsEventResponse respond(DynamodbEvent event, Context context, Batch batch) {
    MDC.put("requestId", context.getAwsRequestId());
    try {
      List<DynamodbEvent.DynamodbStreamRecord> records = event.getRecords() == null ? List.of() : event.getRecords();
      List<StreamsEventResponse.BatchItemFailure> failures = batch.process(records, context.getAwsRequestId()).stream()
          .map(seq -> StreamsEventResponse.BatchItemFailure.builder().withItemIdentifier(seq).build()).toList();
      return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
    } finally {
      MDC.remove("requestId");
    }
  }

  /** A record's sequence number: how a failure names it. */
  public static String sequenceNumber(DynamodbEvent.DynamodbStreamRecord record) {
    StreamRecord change = record.getDynamodb();
    return change.getSequenceNumber();
  }
}
