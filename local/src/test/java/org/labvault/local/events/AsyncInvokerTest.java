package org.labvault.local.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labvault.local.lambda.FunctionHost;
import org.labvault.local.template.Model;
import org.labvault.shared.json.Json;

class AsyncInvokerTest {

  /** Fails its first {@link #FAILURES} calls, then succeeds. */
  public static final class Flaky implements RequestStreamHandler {
    static final AtomicInteger CALLS = new AtomicInteger();
    static final AtomicInteger FAILURES = new AtomicInteger();

    public Flaky(Map<String, String> env) {}

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
      CALLS.incrementAndGet();
      if (FAILURES.getAndDecrement() > 0) {
        throw new IllegalStateException("not now");
      }
    }
  }

  /** Captures what would be sent to queues and topics. */
  static final class CapturingDestinations implements Destinations {
    final List<Map.Entry<String, String>> sent = new CopyOnWriteArrayList<>();

    @Override
    public void send(String arn, String json) {
      sent.add(Map.entry(arn, json));
    }
  }

  private static final List<Duration> QUICK = List.of(Duration.ofMillis(10), Duration.ofMillis(20));
  private static final String QUEUE = "arn:aws:sqs:eu-west-1:111122223333:failed";
  private final CapturingDestinations destinations = new CapturingDestinations();

  @BeforeEach
  void reset() {
    Flaky.CALLS.set(0);
    Flaky.FAILURES.set(0);
  }

  private static FunctionHost host(Model.AsyncConfig async) {
    return new FunctionHost(new Model.Function("Fn", "stack-Fn", Flaky.class.getName(), "handleRequest", "java21", 512, 3,
        Map.of(), List.of(), List.of(), async), Map.of(), "arn:aws:lambda:eu-west-1:111122223333:function:stack-Fn");
  }

  @Test
  void invocationRecord_shouldNameTheAliasThatWasInvoked() throws Exception {
    try (var invoker = new AsyncInvoker(destinations, QUICK, Clock.systemUTC())) {
      var record = invoker.invocationRecord("arn:aws:lambda:eu-west-1:111122223333:function:stack-Fn:live", "r-1",
          "RetriesExhausted", 3, event(), new org.labvault.local.lambda.FunctionError("java.lang.IllegalStateException", "not now", null));
      assertThat(Json.instance().mapper().valueToTree(record).at("/requestContext/functionArn").asText())
          .isEqualTo("arn:aws:lambda:eu-west-1:111122223333:function:stack-Fn:live");
    }
  }

  private static byte[] event() {
    return "{\"detail-type\":\"Scheduled Event\"}".getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void invoke_shouldRetryTwice_whenTheFunctionFailsTwice() throws Exception {
    // given
    Flaky.FAILURES.set(2);
    try (var host = host(new Model.AsyncConfig(2, 21600, QUEUE));
        var invoker = new AsyncInvoker(destinations, QUICK, Clock.systemUTC())) {
      // when
      var outcome = invoker.invoke(host, event(), "a test event").get(5, TimeUnit.SECONDS);

      // then
      assertThat(outcome).isEqualTo(AsyncInvoker.Outcome.SUCCEEDED);
      assertThat(Flaky.CALLS.get()).isEqualTo(3);
      assertThat(destinations.sent).isEmpty();
    }
  }

  @Test
  void invoke_shouldSendLambdasInvocationRecordToTheDestination_whenRetriesAreExhausted() throws Exception {
    // given
    Flaky.FAILURES.set(100);
    try (var host = host(new Model.AsyncConfig(2, 21600, QUEUE));
        var invoker = new AsyncInvoker(destinations, QUICK, Clock.systemUTC())) {
      // when
      var outcome = invoker.invoke(host, event(), "a test event").get(5, TimeUnit.SECONDS);

      // then
      assertThat(outcome).isEqualTo(AsyncInvoker.Outcome.SENT_TO_DESTINATION);
      assertThat(Flaky.CALLS.get()).isEqualTo(3);
      assertThat(destinations.sent).hasSize(1);
      assertThat(destinations.sent.getFirst().getKey()).isEqualTo(QUEUE);
      JsonNode record = Json.instance().mapper().readTree(destinations.sent.getFirst().getValue());
      assertThat(record.path("version").asText()).isEqualTo("1.0");
      assertThat(record.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
      assertThat(record.at("/requestContext/requestId").asText()).isNotBlank();
      assertThat(record.at("/requestContext/functionArn").asText())
          .isEqualTo("arn:aws:lambda:eu-west-1:111122223333:function:stack-Fn:$LATEST");
      assertThat(record.at("/requestContext/condition").asText()).isEqualTo("RetriesExhausted");
      assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(3);
      assertThat(record.at("/requestPayload/detail-type").asText()).isEqualTo("Scheduled Event");
      assertThat(record.at("/responseContext/statusCode").asInt()).isEqualTo(200);
      assertThat(record.at("/responseContext/executedVersion").asText()).isEqualTo("$LATEST");
      assertThat(record.at("/responseContext/functionError").asText()).isEqualTo("Unhandled");
      assertThat(record.at("/responsePayload/errorType").asText()).isEqualTo("java.lang.IllegalStateException");
      assertThat(record.at("/responsePayload/errorMessage").asText()).isEqualTo("not now");
    }
  }

  @Test
  void invoke_shouldHonourMaximumRetryAttemptsZero() throws Exception {
    Flaky.FAILURES.set(100);
    try (var host = host(new Model.AsyncConfig(0, 21600, QUEUE));
        var invoker = new AsyncInvoker(destinations, QUICK, Clock.systemUTC())) {
      invoker.invoke(host, event(), "a test event").get(5, TimeUnit.SECONDS);
      assertThat(Flaky.CALLS.get()).isEqualTo(1);
      assertThat(destinations.sent).singleElement()
          .satisfies(s -> assertThat(s.getValue()).contains("\"approximateInvokeCount\":1"));
    }
  }

  @Test
  void invoke_shouldStopRetrying_whenTheEventWouldOutliveItsMaximumAge() throws Exception {
    // given: the next retry would come after the event's maximum age
    Flaky.FAILURES.set(100);
    try (var host = host(new Model.AsyncConfig(2, 60, QUEUE));
        var invoker = new AsyncInvoker(destinations, List.of(Duration.ofMinutes(2), Duration.ofMinutes(2)), Clock.systemUTC())) {
      // when
      var outcome = invoker.invoke(host, event(), "a test event").get(5, TimeUnit.SECONDS);

      // then
      assertThat(outcome).isEqualTo(AsyncInvoker.Outcome.SENT_TO_DESTINATION);
      assertThat(Flaky.CALLS.get()).isEqualTo(1);
      assertThat(destinations.sent.getFirst().getValue()).contains("\"condition\":\"EventAgeExceeded\"");
    }
  }

  @Test
  void invoke_shouldDropAndReport_whenThereIsNoDestination() throws Exception {
    Flaky.FAILURES.set(100);
    try (var host = host(Model.AsyncConfig.LAMBDA_DEFAULT);
        var invoker = new AsyncInvoker(destinations, QUICK, Clock.systemUTC())) {
      var outcome = invoker.invoke(host, event(), "a test event").get(5, TimeUnit.SECONDS);
      assertThat(outcome).isEqualTo(AsyncInvoker.Outcome.DROPPED);
      assertThat(Flaky.CALLS.get()).isEqualTo(3);
      assertThat(destinations.sent).isEmpty();
    }
  }

  @Test
  void invoke_shouldReport_whenTheDestinationRefusesTheRecord() throws Exception {
    Flaky.FAILURES.set(100);
    Destinations broken = (arn, json) -> {
      throw new IllegalStateException("queue is down");
    };
    try (var host = host(new Model.AsyncConfig(1, 21600, QUEUE));
        var invoker = new AsyncInvoker(broken, QUICK, Clock.systemUTC())) {
      assertThat(invoker.invoke(host, event(), "a test event").get(5, TimeUnit.SECONDS))
          .isEqualTo(AsyncInvoker.Outcome.DROPPED);
      assertThat(Flaky.CALLS.get()).isEqualTo(2);
    }
  }
}
