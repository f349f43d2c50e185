package org.labvault.backup;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.Map;
import org.labvault.shared.aws.Keys;
import org.labvault.shared.aws.Priming;
import org.labvault.shared.config.Config;
import org.labvault.shared.snapstart.SnapStartFunction;
import org.labvault.shared.stream.StreamResponses;

/** The table's stream: each asset that becomes AVAILABLE gets a checked copy in the backup bucket. */
public final class BackupHandler extends SnapStartFunction implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

  private final StreamBatch batch;

  public BackupHandler() {
    this(System.getenv());
  }

  public BackupHandler(Map<String, String> environment) {
    this(DaggerBackupComponent.factory().create(Config.from(environment)));
  }

  BackupHandler(BackupComponent c) {
    primedBy(c.priming());
    c.retention(); // checked at INIT: later items purge with it
    this.batch = c.batch();
  }

  @Override
  public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
    return StreamResponses.respond(event, context, (records, requestId) -> batch.process(records.stream()
        .map(r -> new StreamBatch.Item(StreamResponses.sequenceNumber(r), StreamChange.of(r))).toList(), requestId));
  }

  @Override
  protected void primeRequest() {
    handleRequest(new DynamodbEvent(), Priming.CONTEXT);
    priming().readStore(Keys.asset(Priming.NO_SUCH_ID));
  }
}
