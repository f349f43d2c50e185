package org.labvault.shared.log;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;

/**
 * Writes one event as one JSON object on one line. The line is written with a single {@code write} of
 * its UTF-8 bytes, so lines of concurrent threads never interleave; a newline inside a value is
 * escaped and never ends the line.
 *
 * <p>Fields: {@code timestamp} (ISO-8601 UTC, milliseconds), {@code level}, {@code logger},
 * {@code message}, then every MDC entry (as strings), then every key-value pair of the event
 * (numbers and booleans keep their JSON type, anything else is a string), and for a throwable
 * {@code errorType}, {@code errorMessage} and {@code stackTrace} (one string per line, causes
 * included). No name is written twice: an MDC entry named like a key-value pair of the event gives
 * way to it, and an entry named like a fixed field is left out (the error fields only when the
 * event has a throwable). Hand-written on purpose: a JSON library or {@code DateTimeFormatter} would
 * load hundreds of classes at a function's cold start.
 */
public final class JsonLineWriter {

  private static final int MAX_CAUSES = 16;
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final PrintStream out;
  private final LongSupplier clock;

  /** Writes to whatever {@code System.out} is at the time of each event, stamped with the system clock. */
  public JsonLineWriter() {
    this(null, new SystemMillis());
  }

  /**
   * @param out where lines go; null for the {@code System.out} of the moment (a runtime or test may
   *     replace it after start-up)
   * @param clock epoch milliseconds of the event
   */
  public JsonLineWriter(PrintStream out, LongSupplier clock) {
    this.out = out;
    this.clock = clock;
  }

  /** Formats and writes one event. */
  public void write(Level level, String logger, String message, Map<String, String> mdc,
      List<KeyValuePair> keyValues, Throwable error) {
    byte[] bytes = line(level, logger, message, mdc, keyValues, error).getBytes(StandardCharsets.UTF_8);
    PrintStream target = out != null ? out : System.out;
    target.write(bytes, 0, bytes.length);
    target.flush();
  }

  /** The event's line, newline included. */
  String line(Level level, String logger, String message, Map<String, String> mdc,
      List<KeyValuePair> keyValues, Throwable error) {
    StringBuilder b = new StringBuilder(256);
    b.append("{\"timestamp\":\"");
    appendTimestamp(b, clock.getAsLong());
    b.append("\",\"level\":\"").append(level.name());
    b.append("\",\"logger\":");
    appendString(b, logger);
    b.append(",\"message\":");
    appendString(b, message);
    if (mdc != null) {
      for (Map.Entry<String, String> e : mdc.entrySet()) {
        if (!reserved(e.getKey(), error) && !named(keyValues, e.getKey())) { // the event's own pair wins
          b.append(',');
          appendString(b, e.getKey());
          b.append(':');
          appendString(b, e.getValue());
        }
      }
    }
    if (keyValues != null) {
      for (KeyValuePair kv : keyValues) {
        if (!reserved(kv.key, error)) {
          b.append(',');
          appendString(b, kv.key);
          b.append(':');
          appendValue(b, kv.value);
        }
      }
    }
    if (error != null) {
      appendError(b, error);
    }
    return b.append("}\n").toString();
  }

  /** The fixed fields; the error fields only when the event carries a throwable that fills them. */
  private static boolean reserved(String key, Throwable error) {
    return key == null
        || switch (key) {
          case "timestamp", "level", "logger", "message" -> true;
          case "errorType", "errorMessage", "stackTrace" -> error != null;
          default -> false;
        };
  }

  private static boolean named(List<KeyValuePair> keyValues, String key) {
    if (keyValues != null) {
      for (KeyValuePair kv : keyValues) {
        if (key.equals(kv.key)) {
          return true;
        }
      }
    }
    return false;
  }

  private static void appendValue(StringBuilder b, Object value) {
    if (value == null) {
      b.append("null");
    } else if (value instanceof Boolean bool) {
      b.append(bool.booleanValue());
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short
        || value instanceof Byte || value instanceof BigInteger) {
      b.append(value);
    } else if (value instanceof BigDecimal decimal) {
      b.append(decimal.toString()); // scientific notation (1E+3) is valid JSON
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isFinite(d)) {
        b.append(value);
      } else {
        appendString(b, value.toString()); // NaN and Infinity are not JSON numbers
      }
    } else {
      appendString(b, describe(value));
    }
  }

  /** {@code toString()} of a value; a failing one is named rather than losing the event. */
  private static String describe(Object value) {
    try {
      return String.valueOf(value);
    } catch (RuntimeException e) {
      return new StringBuilder("[").append(value.getClass().getName()).append(".toString() failed: ")
          .append(e).append(']').toString();
    }
  }

  private static void appendError(StringBuilder b, Throwable error) {
    b.append(",\"errorType\":");
    appendString(b, error.getClass().getName());
    b.append(",\"errorMessage\":");
    appendString(b, error.getMessage());
    b.append(",\"stackTrace\":[");
    Throwable[] seen = new Throwable[MAX_CAUSES];
    Throwable t = error;
    boolean first = true;
    for (int depth = 0; t != null && depth < MAX_CAUSES && !contains(seen, depth, t); depth++) {
      seen[depth] = t;
      if (!first) {
        b.append(',');
      }
      appendString(b, depth == 0 ? t.toString() : new StringBuilder("Caused by: ").append(t).toString());
      first = false;
      for (StackTraceElement frame : t.getStackTrace()) {
        b.append(',');
        appendString(b, new StringBuilder("\tat ").append(frame).toString());
      }
      t = t.getCause();
    }
    b.append(']');
  }

  /** A cause chain may loop back on itself. */
  private static boolean contains(Throwable[] seen, int count, Throwable t) {
    for (int i = 0; i < count; i++) {
      if (seen[i] == t) {
        return true;
      }
    }
    return false;
  }

  /** A JSON string, or {@code null} for null. */
  static void appendString(StringBuilder b, String s) {
    if (s == null) {
      b.append("null");
      return;
    }
    b.append('"');
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        default -> {
          // control characters, and the two line separators that JavaScript readers choke on
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            b.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
                .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }

  /**
   * {@code yyyy-MM-ddTHH:mm:ss.SSSZ} from epoch milliseconds, by calendar arithmetic on the day
   * number (the proleptic Gregorian calendar in 400-year cycles of 146,097 days).
   */
  static void appendTimestamp(StringBuilder b, long epochMillis) {
    long day = Math.floorDiv(epochMillis, 86_400_000L);
    long msOfDay = Math.floorMod(epochMillis, 86_400_000L);
    // shift the epoch to 0000-03-01 so that the leap day ends the year
    long shifted = day + 719_468L;
    long cycle = Math.floorDiv(shifted, 146_097L);
    long dayOfCycle = shifted - cycle * 146_097L;
    long yearOfCycle = (dayOfCycle - dayOfCycle / 1_460 + dayOfCycle / 36_524 - dayOfCycle / 146_096) / 365;
    long dayOfYear = dayOfCycle - (365 * yearOfCycle + yearOfCycle / 4 - yearOfCycle / 100);
    long monthFromMarch = (5 * dayOfYear + 2) / 153;
    long dayOfMonth = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1;
    long month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
    long year = yearOfCycle + cycle * 400 + (month <= 2 ? 1 : 0);
    pad(b, year, 4).append('-');
    pad(b, month, 2).append('-');
    pad(b, dayOfMonth, 2).append('T');
    pad(b, msOfDay / 3_600_000, 2).append(':');
    pad(b, msOfDay / 60_000 % 60, 2).append(':');
    pad(b, msOfDay / 1_000 % 60, 2).append('.');
    pad(b, msOfDay % 1_000, 3).append('Z');
  }

  private static StringBuilder pad(StringBuilder b, long value, int width) {
    for (long limit = 10, i = 1; i < width; i++, limit *= 10) {
      if (value < limit) {
        b.append('0');
      }
    }
    return b.append(value);
  }

  /** The system clock without loading {@code java.time}. */
  private static final class SystemMillis implements LongSupplier {
    @Override
    public long getAsLong() {
      return System.currentTimeMillis();
    }
  }
}
