package org.labvault.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.labvault.local.lambda.FunctionError;
import org.labvault.local.lambda.FunctionHost;
import org.labvault.local.template.Model;
import org.labvault.shared.json.Json;

/**
 * Lambda's asynchronous invocation, the one path for S3 notifications, SNS, schedules and IoT
 * rules: the event is queued, the function invoked; a failed call is retried (twice by default,
 * as the function's {@code EventInvokeConfig} allows, after 1 and 2 seconds here where Lambda waits
 * minutes) while the event is younger than its maximum age; then the invocation record goes to the
 * function's on-failure destination, or is reported on stderr when it has none.
 */
public final class AsyncInvoker implements AutoCloseable {

  /** The waits before the first and second retry, locally. */
  public static final List<Duration> LOCAL_RETRY_DELAYS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2));

  /** How one asynchronous event ended. */
  public enum Outcome { SUCCEEDED, SENT_TO_DESTINATION, DROPPED }

  private final Destinations destinations;
  private final List<Duration> retryDelays;
  private final Clock clock;
  private final ExecutorService invocations = Executors.newVirtualThreadPerTaskExecutor();

  /**
   * @param retryDelays the wait before each retry; their number bounds the retries (Lambda's is 2)
   */
  public AsyncInvoker(Destinations destinations, List<Duration> retryDelays, Clock clock) {
    this.destinations = destinations;
    this.retryDelays = List.copyOf(retryDelays);
    this.clock = clock;
  }

  /**
   * Queues {@code event} for {@code function} and returns at once.
   *
   * @param what names the event in reports (an object key, a schedule)
   * @return completes when the event is processed, sent to the destination or dropped
   */
  public CompletableFuture<Outcome> invoke(FunctionHost function, byte[] event, String what) {
    Instant queued = clock.instant();
    CompletableFuture<Outcome> done = new CompletableFuture<>();
    try {
      invocations.submit(() -> {
        try {
          done.complete(deliver(function, event, what, queued));
        } catch (RuntimeException | Error e) {
          done.completeExceptionally(e);
        }
      });
    } catch (RejectedExecutionException stopping) {
      System.err.println("LabVault local stack: stopping; " + function.function().logicalId() + " is not invoked for " + what);
      done.complete(Outcome.DROPPED);
    }
    return done;
  }

  private Outcome deliver(FunctionHost function, byte[] event, String what, Instant queued) {
    Model.AsyncConfig config = function.function().async();
    int retries = Math.min(config.maximumRetryAttempts(), retryDelays.size());
    Duration maximumAge = Duration.ofSeconds(config.maximumEventAgeSeconds());
    String requestId = UUID.randomUUID().toString();
    int attempts = 0;
    while (true) {
      attempts++;
      FunctionError error;
      try {
        function.invoke(event, requestId);
        return Outcome.SUCCEEDED;
      } catch (FunctionError e) {
        error = e;
      }
      if (Thread.currentThread().isInterrupted() || error.errorType().equals("Interrupted")) {
        return Outcome.DROPPED; // the stack stops
      }
      String condition = null;
      if (attempts > retries) {
        condition = "RetriesExhausted";
      } else if (Duration.between(queued, clock.instant().plus(retryDelays.get(attempts - 1))).compareTo(maximumAge) > 0) {
        condition = "EventAgeExceeded";
      }
      if (condition != null) {
        return failed(function, event, what, requestId, condition, attempts, error);
      }
      try {
        Thread.sleep(retryDelays.get(attempts - 1));
      } catch (InterruptedException stop) {
        return Outcome.DROPPED;
      }
    }
  }

  private Outcome failed(FunctionHost function, byte[] event, String what, String requestId, String condition,
      int attempts, FunctionError error) {
    String destination = function.function().async().onFailureDestination();
    String name = function.function().logicalId();
    if (destination == null) {
      System.err.println("LabVault local stack: " + name + " failed on " + what + " " + attempts
          + " times; the event is dropped (no on-failure destination): " + error.getMessage());
      return Outcome.DROPPED;
    }
    String invocationRecord = Json.instance().write(
        invocationRecord(function.functionArn(), requestId, condition, attempts, event, error));
    try {
      destinations.send(destination, invocationRecord);
      return Outcome.SENT_TO_DESTINATION;
    } catch (RuntimeException e) {
      System.err.println("LabVault local stack: " + name + " failed on " + what + " " + attempts
          + " times and its on-failure destination " + destination + " could not take the event: " + e.getMessage());
      return Outcome.DROPPED;
    }
  }

  /** The record Lambda sends to an asynchronous invocation's on-failure destination. */
  Map<String, Object> invocationRecord(String functionArn, String requestId, String condition, int attempts,
      byte[] event, FunctionError error) {
    Map<String, Object> requestContext = new LinkedHashMap<>();
    requestContext.put("requestId", requestId);
    // Lambda names the qualified ARN that was invoked: the alias's, or $LATEST's
    requestContext.put("functionArn", functionArn.split(":").length > 7 ? functionArn : functionArn + ":$LATEST");
    requestContext.put("condition", condition);
    requestContext.put("approximateInvokeCount", attempts);
    Map<String, Object> responseContext = new LinkedHashMap<>();
    responseContext.put("statusCode", 200);
    responseContext.put("executedVersion", "$LATEST");
    responseContext.put("functionError", "Unhandled");
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("version", "1.0");
    record.put("timestamp", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
    record.put("requestContext", requestContext);
    record.put("requestPayload", jsonOrText(event));
    record.put("responseContext", responseContext);
    record.put("responsePayload", jsonOrText(error.payload().getBytes(StandardCharsets.UTF_8)));
    return record;
  }

  private static Object jsonOrText(byte[] bytes) {
    try {
      JsonNode node = Json.instance().mapper().readTree(bytes);
      return node == null ? null : node;
    } catch (IOException notJson) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /** Lets invocations under way finish (a few seconds at most), then stops. */
  @Override
  public void close() throws InterruptedException {
    invocations.shutdown();
    if (!invocations.awaitTermination(5, TimeUnit.SECONDS)) {
      invocations.shutdownNow();
    }
  }
}
