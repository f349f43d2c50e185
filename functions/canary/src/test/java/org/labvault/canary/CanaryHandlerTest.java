package org.labvault.canary;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.labvault.shared.alarm.Alarm;
import org.labvault.shared.aws.Priming;
import org.labvault.shared.client.ClientCredentials;
import org.labvault.shared.testing.FakeContext;

class CanaryHandlerTest {

  @ParameterizedTest
  @Event(value = "canary/scheduled.json", type = ScheduledEvent.class)
  void handleRequest_shouldAnswerTheRunInTheContractsShape(ScheduledEvent event) {
    // given
    var api = new FakeLabVault();
    api.failing = "upload";
    var results = new InMemoryCanaryResults();
    List<Alarm> alarms = new ArrayList<>();
    var service = new CanaryService(api, results, alarms::add,
        new CanarySettings(Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofMillis(10), Duration.ofMinutes(5)),
        Clock.systemUTC());
    var handler = new CanaryHandler(new CanaryComponent() {
      @Override
      public CanaryService canary() {
        return service;
      }

      @Override
      public ClientCredentials client() {
        return new ClientCredentials(URI.create("https://api.example"), URI.create("https://auth.example/oauth2/token"),
            "canary", "secret");
      }

      @Override
      public Priming priming() {
        return null; // no snapshot is taken here
      }
    });
    // when
    Map<String, Object> answer = handler.handleRequest(event, new FakeContext());
    // then
    assertThat(answer).containsEntry("status", "FAILED").containsKeys("at", "steps");
    assertThat((List<?>) answer.get("steps")).hasSize(5);
    assertThat(results.runs).hasSize(1);
    assertThat(alarms).hasSize(1);
  }
}
