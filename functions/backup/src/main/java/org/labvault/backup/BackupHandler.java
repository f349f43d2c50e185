package org.labvault.backup;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import java.util.List;
import java.util.Map;
import org.labvault.shared.config.Config;
import org.slf4j.MDC;

/** The table's stream: each asset that becomes AVAILABLE gets a checked copy in the backup bucket. */
public final class BackupHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

  private final StreamBatch batch;

  public BackupHandler() {
    this(System.getenv());
  }

  public BackupHandler(Map<String, String> environment) {
    this(DaggerBackupComponent.factory().create(Config.from(environment)));
  }

  BackupHandler(BackupComponent c) {
    c.retention(); // checked at INIT: later items purge with it
    this.batch = c.batch();
  }

  @Override
  public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
    MDC.put("requestId", context.getAwsRequestId());
    try {
      List<StreamBatch.Item> items = event.getRecords() == null ? List.of() : event.getRecords().stream()
          .map(r -> new StreamBatch.Item(r.getDynamodb().getSequenceNumber(), StreamChange.of(r))).toList();
      List<BatchItemFailure> failures = batch.process(items, context.getAwsRequestId()).stream()
          .map(seq -> BatchItemFailure.builder().withItemIdentifier(seq).build()).toList();
      return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
    } finally {
      MDC.remove("requestId");
    }
  }
}
