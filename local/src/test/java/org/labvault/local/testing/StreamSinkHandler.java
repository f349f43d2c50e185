package org.labvault.local.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stream consumer for end-to-end tests: records the key of every inserted item it processes, in
 * order, in {@link #RECEIVED}. It processes records in order and stops at the first that fails:
 * a key starting with {@code poison} is reported in {@code batchItemFailures}; a key starting with
 * {@code held} waits for {@link #GATE} (if set) before it is processed.
 */
public final class StreamSinkHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

  public static final List<String> RECEIVED = new CopyOnWriteArrayList<>();
  public static final AtomicInteger POISON_ATTEMPTS = new AtomicInteger();
  public static volatile CountDownLatch gate;

  public StreamSinkHandler(Map<String, String> env) {}

  @Override
  public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
    for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
      if (!"INSERT".equals(record.getEventName())) {
        continue;
      }
      String key = record.getDynamodb().getKeys().get("pk").getS();
      if (key.startsWith("poison")) {
        POISON_ATTEMPTS.incrementAndGet();
        return StreamsEventResponse.builder().withBatchItemFailures(List.of(
            StreamsEventResponse.BatchItemFailure.builder()
                .withItemIdentifier(record.getDynamodb().getSequenceNumber()).build())).build();
      }
      CountDownLatch waitFor = gate;
      if (key.startsWith("held") && waitFor != null) {
        try {
          waitFor.await();
        } catch (InterruptedException stopped) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("stopped before " + key + " was processed");
        }
      }
      RECEIVED.add(key);
    }
    return StreamsEventResponse.builder().withBatchItemFailures(List.of()).build();
  }
}
