package org.labvault.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleExpressionTest {

  @ParameterizedTest
  @CsvSource({
    "rate(1 minute), PT1M",
    "rate(5 minutes), PT5M",
    "rate(1 hour), PT1H",
    "rate(12 hours), PT12H",
    "rate(1 day), PT24H",
    "rate(7 days), PT168H",
  })
  void rate_shouldFireOnePeriodAfterTheLastTime(String expression, Duration period) {
    Instant last = Instant.parse("2026-03-01T10:15:30Z");
    assertThat(ScheduleExpression.parse(expression).nextAfter(last)).isEqualTo(last.plus(period));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    // every 15 minutes on weekdays
    "cron(0/15 * ? * MON-FRI *) | 2026-03-06T23:50:00Z | 2026-03-09T00:00:00Z",
    // 10:00 UTC every day
    "cron(0 10 * * ? *)         | 2026-03-01T10:00:00Z | 2026-03-02T10:00:00Z",
    // last day of the month
    "cron(0 0 L * ? *)          | 2026-02-01T00:00:00Z | 2026-02-28T00:00:00Z",
    // the weekday nearest the 15th: 2026-08-15 is a Saturday, so Friday the 14th
    "cron(30 8 15W * ? *)       | 2026-08-01T00:00:00Z | 2026-08-14T08:30:00Z",
    // the second Tuesday of the month (day-of-week 3 = TUE, as EventBridge numbers SUN=1)
    "cron(0 12 ? * 3#2 *)       | 2026-03-01T00:00:00Z | 2026-03-10T12:00:00Z",
    // the last Friday of the month
    "cron(0 18 ? * 6L *)        | 2026-03-01T00:00:00Z | 2026-03-27T18:00:00Z",
    // lists, ranges and month names, in a given year only
    "cron(5,35 9-10 1 JAN,JUL ? 2027) | 2026-03-01T00:00:00Z | 2027-01-01T09:05:00Z",
    // strictly after: a time that matches is not the next one
    "cron(0 3 * * ? *)          | 2026-03-01T03:00:00Z | 2026-03-02T03:00:00Z",
  })
  void cron_shouldFireAtTheNextMatchingMinuteInUtc(String expression, Instant after, Instant expected) {
    assertThat(ScheduleExpression.parse(expression.trim()).nextAfter(after)).isEqualTo(expected);
  }

  @Test
  void cron_whoseYearsHavePassed_shouldNeverFireAgain() {
    assertThat(ScheduleExpression.parse("cron(0 0 1 1 ? 2020)").nextAfter(Instant.parse("2026-01-01T00:00:00Z")))
        .isEqualTo(Instant.MAX);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "rate(1 minutes)", "rate(2 minute)", "rate(0 minutes)", "rate(5 seconds)", "rate(minute)",
    "cron(0 3 * * * *)", "cron(0 3 ? * ? *)", "cron(0 3 * *)", "cron(0 3 * * ? * *)", "cron(61 3 * * ? *)",
    "cron(0 3 ? * FUNDAY *)", "every day", "",
  })
  void parse_shouldRefuseWhatEventBridgeRefuses(String expression) {
    assertThatThrownBy(() -> ScheduleExpression.parse(expression))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(expression);
  }
}
