package org.labvault.local.template;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.quartz.CronExpression;

/**
 * An EventBridge schedule expression, {@code rate(...)} or {@code cron(...)}, in UTC: when it fires
 * next. The one place that reads them, for the template check and for the scheduler.
 */
public sealed interface ScheduleExpression {

  /** The first time after {@code after} (exclusive) that the schedule fires. */
  Instant nextAfter(Instant after);

  /**
   * Reads {@code expression}.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  static ScheduleExpression parse(String expression) {
    if (expression == null) {
      throw new IllegalArgumentException("a Schedule expression is required");
    }
    String e = expression.trim();
    if (e.startsWith("rate(") && e.endsWith(")")) {
      return Rate.parse(e);
    }
    if (e.startsWith("cron(") && e.endsWith(")")) {
      return Cron.parse(e);
    }
    throw new IllegalArgumentException("schedule expression " + expression + " is neither rate(...) nor cron(...)");
  }

  /** {@code rate(1 minute)}, {@code rate(N minutes|hours|days)}: every period, from the start. */
  record Rate(Duration period) implements ScheduleExpression {
    private static final Pattern RATE = Pattern.compile("rate\\(([1-9][0-9]*) (minute|hour|day)(s?)\\)");

    static Rate parse(String expression) {
      Matcher m = RATE.matcher(expression);
      if (!m.matches()) {
        throw new IllegalArgumentException("schedule expression " + expression
            + " is not rate(<positive number> minute[s]|hour[s]|day[s])");
      }
      long value = Long.parseLong(m.group(1));
      // EventBridge's own rule: the unit is singular for 1 and plural otherwise
      if ((value == 1) != m.group(3).isEmpty()) {
        throw new IllegalArgumentException("schedule expression " + expression + ": use " + m.group(2)
            + (value == 1 ? "" : "s") + " with " + value);
      }
      Duration unit = switch (m.group(2)) {
        case "minute" -> Duration.ofMinutes(1);
        case "hour" -> Duration.ofHours(1);
        default -> Duration.ofDays(1);
      };
      return new Rate(unit.multipliedBy(value));
    }

    @Override
    public Instant nextAfter(Instant after) {
      return after.plus(period);
    }
  }

  /**
   * {@code cron(minutes hours day-of-month month day-of-week year)}, EventBridge's six fields:
   * one of day-of-month and day-of-week is {@code ?}; {@code L}, {@code W}, {@code #}, ranges,
   * lists, steps and names (JAN, MON) as Quartz reads them, seconds fixed at 0.
   */
  record Cron(String fields, CronExpression quartz) implements ScheduleExpression {

    static Cron parse(String expression) {
      String fields = expression.substring("cron(".length(), expression.length() - 1).trim();
      List<String> parts = List.of(fields.split("\\s+"));
      if (parts.size() != 6) {
        throw new IllegalArgumentException("schedule expression " + expression
            + " needs 6 fields (minutes hours day-of-month month day-of-week year), not " + parts.size());
      }
      if (parts.get(2).equals("?") == parts.get(4).equals("?")) {
        throw new IllegalArgumentException("schedule expression " + expression
            + ": exactly one of day-of-month and day-of-week must be ?");
      }
      try {
        CronExpression quartz = new CronExpression("0 " + fields);
        quartz.setTimeZone(TimeZone.getTimeZone("UTC"));
        return new Cron(fields, quartz);
      } catch (ParseException | RuntimeException e) {
        throw new IllegalArgumentException("schedule expression " + expression + " is not valid: " + e.getMessage());
      }
    }

    @Override
    public Instant nextAfter(Instant after) {
      Date next = quartz.getNextValidTimeAfter(Date.from(after));
      // a year list that has run out: never again
      return next == null ? Instant.MAX : next.toInstant();
    }
  }
}
