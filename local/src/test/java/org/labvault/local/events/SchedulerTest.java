package org.labvault.local.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labvault.local.lambda.FunctionHost;
import org.labvault.local.template.EventSource;
import org.labvault.local.template.Model;
import org.labvault.shared.json.Json;

class SchedulerTest {

  /** Records the events it gets. */
  public static final class Recorder implements RequestStreamHandler {
    static final BlockingQueue<JsonNode> EVENTS = new LinkedBlockingQueue<>();

    public Recorder(Map<String, String> env) {}

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws java.io.IOException {
      EVENTS.add(Json.instance().mapper().readTree(input));
    }
  }

  private static final Instant START = Instant.parse("2026-03-02T09:00:30Z");

  @BeforeEach
  void reset() {
    Recorder.EVENTS.clear();
  }

  private static FunctionHost host() {
    return new FunctionHost(new Model.Function("Renotify", "stack-Renotify", Recorder.class.getName(), "handleRequest",
        "java21", 512, 3, Map.of(), List.of(), List.of()), Map.of(), "arn");
  }

  private static Scheduler scheduler(FunctionHost host, AsyncInvoker invoker, EventSource.Schedule... schedules) {
    return new Scheduler(java.util.Arrays.stream(schedules).map(s -> new Scheduler.Target(s, host)).toList(), invoker,
        Clock.fixed(START, ZoneOffset.UTC), "us-east-1", "000000000000").start();
  }

  private static AsyncInvoker invoker() {
    return new AsyncInvoker((arn, json) -> {}, List.of(), Clock.systemUTC());
  }

  @Test
  void aRateSchedule_shouldFireOnePeriodAfterStart_withTheEventBridgeScheduledEvent() throws Exception {
    var minutely = new EventSource.Schedule("Renotify", "Minutely", "rate(1 minute)", null, true);
    try (var host = host(); var invoker = invoker(); var scheduler = scheduler(host, invoker, minutely)) {
      // given: not yet due
      assertThat(scheduler.nextFire("Renotify", "Minutely")).isEqualTo(START.plusSeconds(60));
      scheduler.advance(Duration.ofSeconds(59));
      assertThat(Recorder.EVENTS.poll(300, TimeUnit.MILLISECONDS)).isNull();

      // when
      scheduler.advance(Duration.ofSeconds(1));

      // then
      JsonNode event = Recorder.EVENTS.poll(5, TimeUnit.SECONDS);
      assertThat(event).isNotNull();
      assertThat(event.path("version").asText()).isEqualTo("0");
      assertThat(event.path("id").asText()).isNotBlank();
      assertThat(event.path("detail-type").asText()).isEqualTo("Scheduled Event");
      assertThat(event.path("source").asText()).isEqualTo("aws.events");
      assertThat(event.path("account").asText()).isEqualTo("000000000000");
      assertThat(event.path("time").asText()).isEqualTo("2026-03-02T09:01:30Z");
      assertThat(event.path("region").asText()).isEqualTo("us-east-1");
      assertThat(event.path("resources").get(0).asText()).isEqualTo("arn:aws:events:us-east-1:000000000000:rule/Renotify-Minutely");
      assertThat(event.path("detail").isObject()).isTrue();
      assertThat(event.path("detail").isEmpty()).isTrue();
      await().atMost(Duration.ofSeconds(2))
          .until(() -> START.plusSeconds(120).equals(scheduler.nextFire("Renotify", "Minutely")));
    }
  }

  @Test
  void aCronScheduleWithInput_shouldFireAtItsMinuteWithTheConstantInput() throws Exception {
    var daily = new EventSource.Schedule("Renotify", "Daily", "cron(15 9 * * ? *)", "{\"task\":\"sweep\"}", true);
    try (var host = host(); var invoker = invoker(); var scheduler = scheduler(host, invoker, daily)) {
      assertThat(scheduler.nextFire("Renotify", "Daily")).isEqualTo(Instant.parse("2026-03-02T09:15:00Z"));
      scheduler.advance(Duration.ofMinutes(15));
      JsonNode event = Recorder.EVENTS.poll(5, TimeUnit.SECONDS);
      assertThat(event).isNotNull();
      assertThat(event).isEqualTo(Json.instance().mapper().readTree("{\"task\":\"sweep\"}"));
    }
  }

  @Test
  void aDisabledSchedule_shouldNeverFire() throws Exception {
    var off = new EventSource.Schedule("Renotify", "Paused", "rate(1 minute)", null, false);
    try (var host = host(); var invoker = invoker(); var scheduler = scheduler(host, invoker, off)) {
      scheduler.advance(Duration.ofHours(1));
      assertThat(Recorder.EVENTS.poll(500, TimeUnit.MILLISECONDS)).isNull();
      assertThat(scheduler.nextFire("Renotify", "Paused")).isNull();
    }
  }

  @Test
  void timeMovedFarForward_shouldFireOnceNotOncePerMissedPeriod() throws Exception {
    var minutely = new EventSource.Schedule("Renotify", "Minutely", "rate(1 minute)", null, true);
    try (var host = host(); var invoker = invoker(); var scheduler = scheduler(host, invoker, minutely)) {
      scheduler.advance(Duration.ofMinutes(10));
      assertThat(Recorder.EVENTS.poll(5, TimeUnit.SECONDS)).isNotNull();
      assertThat(Recorder.EVENTS.poll(500, TimeUnit.MILLISECONDS)).isNull();
    }
  }
}
