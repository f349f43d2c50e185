package org.labvault.local.events;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.labvault.local.lambda.FunctionHost;
import org.labvault.local.template.EventSource;
import org.labvault.local.template.ScheduleExpression;
import org.labvault.shared.json.Json;

/**
 * The template's schedules, fired on time (UTC) through the {@link AsyncInvoker} with the event
 * EventBridge sends, or the schedule's constant {@code Input}. A rate schedule first fires one
 * period after the stack starts; a cron schedule at its next matching minute. Disabled schedules
 * are never fired. Time can be moved forward ({@link #advance(Duration)}) so tests need not wait.
 */
public final class Scheduler implements AutoCloseable {

  /** A schedule with the function it invokes. */
  public record Target(EventSource.Schedule schedule, FunctionHost function) {}

  private static final Duration LONGEST_NAP = Duration.ofMillis(250);

  private final class Entry {
    final Target target;
    final ScheduleExpression expression;
    Instant next;

    Entry(Target target, Instant now) {
      this.target = target;
      this.expression = ScheduleExpression.parse(target.schedule().expression());
      this.next = expression.nextAfter(now);
    }
  }

  private final List<Entry> entries = new ArrayList<>();
  private final AsyncInvoker invoker;
  private final Clock clock;
  private final String region;
  private final String accountId;
  private final Semaphore wakeUp = new Semaphore(0);
  private final Thread thread;
  private volatile Duration advanced = Duration.ZERO;
  private volatile boolean stopping;

  public Scheduler(List<Target> targets, AsyncInvoker invoker, Clock clock, String region, String accountId) {
    this.invoker = invoker;
    this.clock = clock;
    this.region = region;
    this.accountId = accountId;
    Instant now = now();
    for (Target t : targets) {
      if (t.schedule().enabled()) {
        entries.add(new Entry(t, now));
      }
    }
    this.thread = Thread.ofVirtual().name("scheduler").unstarted(this::run);
  }

  public Scheduler start() {
    thread.start();
    return this;
  }

  /** The scheduler's time: the clock's, plus what tests moved it forward by. */
  public Instant now() {
    return clock.instant().plus(advanced);
  }

  /** Moves the scheduler's time forward by {@code by}; schedules that fall due fire at once. */
  public synchronized void advance(Duration by) {
    advanced = advanced.plus(by);
    wakeUp.release();
  }

  /** When the schedule {@code eventName} of {@code functionLogicalId} fires next, or null when it never fires. */
  public Instant nextFire(String functionLogicalId, String eventName) {
    synchronized (entries) {
      return entries.stream()
          .filter(e -> e.target.schedule().functionLogicalId().equals(functionLogicalId)
              && e.target.schedule().name().equals(eventName))
          .map(e -> e.next)
          .findFirst()
          .orElse(null);
    }
  }

  private void run() {
    while (!stopping) {
      Instant now = now();
      Instant soonest = now.plus(LONGEST_NAP);
      synchronized (entries) {
        for (Entry e : entries) {
          if (!e.next.isAfter(now)) {
            fire(e, e.next);
            // one firing for missed times, as a stack that was busy or moved forward does not catch up
            Instant next = e.expression.nextAfter(e.next);
            e.next = next.isAfter(now) ? next : e.expression.nextAfter(now);
          }
          soonest = e.next.isBefore(soonest) ? e.next : soonest;
        }
      }
      try {
        wakeUp.tryAcquire(Math.max(1, Duration.between(now, soonest).toMillis()), TimeUnit.MILLISECONDS);
      } catch (InterruptedException stop) {
        return;
      }
    }
  }

  private void fire(Entry e, Instant time) {
    EventSource.Schedule schedule = e.target.schedule();
    byte[] event = schedule.input() != null
        ? schedule.input().getBytes(StandardCharsets.UTF_8)
        : Json.instance().write(scheduledEvent(schedule, time)).getBytes(StandardCharsets.UTF_8);
    invoker.invoke(e.target.function(), event, "schedule " + schedule.functionLogicalId() + "." + schedule.name()
        + " (" + schedule.expression() + ")");
  }

  /** The event EventBridge sends to the target of a scheduled rule. */
  public Map<String, Object> scheduledEvent(EventSource.Schedule schedule, Instant time) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("version", "0");
    event.put("id", UUID.randomUUID().toString());
    event.put("detail-type", "Scheduled Event");
    event.put("source", "aws.events");
    event.put("account", accountId);
    event.put("time", time.truncatedTo(ChronoUnit.SECONDS).toString());
    event.put("region", region);
    event.put("resources", List.of(ruleArn(schedule)));
    event.put("detail", Map.of());
    return event;
  }

  private String ruleArn(EventSource.Schedule schedule) {
    return "arn:aws:events:" + region + ":" + accountId + ":rule/" + schedule.functionLogicalId() + "-" + schedule.name();
  }

  @Override
  public void close() throws InterruptedException {
    stopping = true;
    thread.interrupt();
    thread.join(Duration.ofSeconds(5));
  }
}
