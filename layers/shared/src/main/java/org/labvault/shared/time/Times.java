package org.labvault.shared.time;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.labvault.shared.error.ValidationException;

/** RFC 3339 timestamps: read with any offset, always written in UTC to the second. */
public final class Times {

  private Times() {}

  /** Reads an RFC 3339 timestamp of the request field {@code field}. */
  public static Instant parse(String field, String value) {
    if (value == null || value.isBlank()) {
      throw ValidationException.field(field, "is required");
    }
    try {
      return OffsetDateTime.parse(value.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
          .toInstant()
          .truncatedTo(ChronoUnit.SECONDS);
    } catch (DateTimeParseException e) {
      throw ValidationException.field(field, "must be an RFC 3339 timestamp like 2026-11-23T08:00:00Z");
    }
  }

  /**
   * An operators' listing's {@code since} ({@code GET /ops/audit}, {@code GET /ops/alarms}): the one
   * given, else the start of yesterday (UTC), so at least the last 24 hours. A fixed boundary, not
   * "24 hours before now": a page token names its {@code since}, and the next page must find the same.
   */
  public static Instant since(Optional<String> given, Clock clock) {
    Optional<String> value = given.filter(v -> !v.isBlank());
    return value.isPresent() ? parse("since", value.get())
        : LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** The instant to the second, as every timestamp LabVault answers with; null stays null. */
  public static Instant seconds(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS);
  }

  /** Fixed-width UTC form; its string order is its time order (used in sort keys). */
  public static String format(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }
}
