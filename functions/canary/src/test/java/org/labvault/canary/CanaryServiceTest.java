package org.labvault.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.labvault.shared.alarm.Alarm;
import org.labvault.shared.canary.domain.CanaryRun;
import org.labvault.shared.canary.domain.CanaryStep;

class CanaryServiceTest {

  static final List<String> PATH = List.of("token", "createGroup", "declare", "upload", "verify", "download", "delete");

  private final FakeLabVault api = new FakeLabVault();
  private final InMemoryCanaryResults results = new InMemoryCanaryResults();
  private final List<Alarm> alarms = new ArrayList<>();
  private final CanarySettings quick =
      new CanarySettings(Duration.ofSeconds(30), Duration.ofMillis(300), Duration.ofMillis(20), Duration.ofMinutes(5));

  private CanaryService canary() {
    return new CanaryService(api, results, alarms::add, quick, Clock.systemUTC());
  }

  private static List<String> names(CanaryRun run) {
    return run.steps().stream().map(CanaryStep::name).toList();
  }

  @Test
  void run_shouldPassAndStoreEveryStepWithItsLatency_whenTheWholePathWorks() {
    // when
    var run = canary().run();
    // then
    assertThat(run.status()).isEqualTo(CanaryRun.Status.PASSED);
    assertThat(names(run)).containsExactly("token", "createGroup", "declare", "upload", "verify", "download", "delete",
        "cleanUp");
    assertThat(run.steps()).allSatisfy(s -> {
      assertThat(s.ok()).isTrue();
      assertThat(s.ms()).isNotNegative();
    });
    assertThat(results.latest()).contains(run);
    assertThat(alarms).isEmpty();
    assertThat(api.groups).as("nothing of the canary is left").isEmpty();
    assertThat(api.objects.values()).singleElement().satisfies(b -> assertThat(b).hasSize(CanaryService.PAYLOAD_BYTES));
  }

  @ParameterizedTest
  @CsvSource({"token, signIn", "createGroup, createGroup", "declare, declare", "upload, upload", "verify, status",
      "download, download", "delete, deleteAsset"})
  void run_shouldFailNamingTheStep_cleanUpAnyway_andRaiseOneAlarm(String step, String call) {
    // given
    api.failing = call;
    // when
    var run = canary().run();
    // then the path stops at the failed step; clean-up still runs
    assertThat(run.status()).isEqualTo(CanaryRun.Status.FAILED);
    var expected = new ArrayList<>(PATH.subList(0, PATH.indexOf(step) + 1));
    expected.add("cleanUp");
    assertThat(names(run)).containsExactlyElementsOf(expected);
    assertThat(run.firstFailure()).map(CanaryStep::name).contains(step);
    assertThat(run.steps().subList(0, PATH.indexOf(step))).allMatch(CanaryStep::ok);
    assertThat(api.calls).contains("groups");
    if (PATH.indexOf(step) > PATH.indexOf("createGroup") && !step.equals("delete")) {
      assertThat(api.groups).as("the run's group is removed").isEmpty();
      assertThat(run.steps().getLast().ok()).isTrue();
    }
    assertThat(results.latest()).contains(run);
    assertThat(alarms).singleElement().satisfies(a -> {
      assertThat(a.type()).isEqualTo(Alarm.AlarmType.CANARY_FAILED);
      assertThat(a.category()).isEqualTo(Alarm.IncidentCategory.PRODUCTION);
      assertThat(a.actor()).isEqualTo("system:canary");
      assertThat(a.detail()).startsWith("canary step " + step + " failed: ").contains("503");
      assertThat(a.alarmId()).isEqualTo(run.runId());
    });
  }

  @Test
  void run_shouldFailAtDownload_whenTheBytesComeBackDifferent() {
    api.corruptDownloads = true;
    var run = canary().run();
    assertThat(run.firstFailure()).map(CanaryStep::name).contains("download");
    assertThat(alarms).singleElement().satisfies(a -> assertThat(a.detail()).contains("differ"));
    assertThat(api.groups).isEmpty();
  }

  @Test
  void run_shouldFailAtVerify_whenTheUploadIsRejected() {
    api.verdict = "REJECTED";
    var run = canary().run();
    assertThat(run.firstFailure()).map(CanaryStep::name).contains("verify");
    assertThat(alarms).singleElement().satisfies(a -> assertThat(a.detail()).contains("REJECTED"));
  }

  @Test
  void run_shouldStopWaiting_whenTheAssetNeverBecomesAvailable() {
    // given no verifier answers
    api.verdict = null;
    // when
    long started = System.nanoTime();
    var run = canary().run();
    // then
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    var verify = run.steps().stream().filter(s -> s.name().equals("verify")).findFirst().orElseThrow();
    assertThat(verify.ok()).isFalse();
    assertThat(verify.ms()).isGreaterThanOrEqualTo(quick.verifyTimeout().toMillis());
    assertThat(api.calls.stream().filter("status"::equals).count()).isGreaterThan(1);
    assertThat(api.groups).as("a pending asset is deleted, then its group").isEmpty();
  }

  @Test
  void run_shouldFailAtTheFirstStep_whenTheRunBudgetIsSpent() {
    var none = new CanarySettings(Duration.ZERO, Duration.ofMillis(300), Duration.ofMillis(20), Duration.ofMinutes(5));
    var run = new CanaryService(api, results, alarms::add, none, Clock.systemUTC()).run();
    assertThat(names(run)).containsExactly("token", "cleanUp");
    assertThat(alarms).singleElement().satisfies(a -> assertThat(a.detail()).contains("longer than"));
  }

  @Test
  void run_shouldRemoveLeftoversOfEarlierRuns_butNoGroupOfARunGoingOnNow() {
    // given
    Instant longAgo = Instant.now().minus(Duration.ofHours(1));
    api.seedGroup(CanaryService.GROUP_PREFIX + "01OLD", longAgo, "asset-left");
    String young = api.seedGroup(CanaryService.GROUP_PREFIX + "01NOW", Instant.now());
    // when
    var run = canary().run();
    // then
    assertThat(run.status()).isEqualTo(CanaryRun.Status.PASSED);
    assertThat(api.groups.keySet()).containsExactly(young);
    assertThat(api.statuses).containsEntry("asset-left", "DELETED");
  }

  @Test
  void run_shouldFailAtCleanUp_whenItsGroupCannotBeDeleted() {
    api.failing = "deleteGroup";
    var run = canary().run();
    assertThat(run.status()).isEqualTo(CanaryRun.Status.FAILED);
    assertThat(run.firstFailure()).map(CanaryStep::name).contains("cleanUp");
    assertThat(alarms).singleElement().satisfies(a -> assertThat(a.detail()).startsWith("canary step cleanUp failed"));
  }

  @Test
  void run_shouldStillRaiseTheAlarm_andThenFail_whenTheResultCannotBeStored() {
    // given
    api.failing = "upload";
    results.down = true;
    // when / then
    assertThatThrownBy(() -> canary().run()).isInstanceOf(IllegalStateException.class);
    assertThat(alarms).singleElement().satisfies(a -> assertThat(a.detail()).contains("upload"));
  }
}
