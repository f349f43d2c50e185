package org.labvault.shared.log;

import java.util.Locale;
import org.slf4j.event.Level;

/**
 * Which events each logger writes, decided once per logger name. LabVault's own loggers
 * ({@code org.labvault.*}) follow {@code LOG_LEVEL} if set, else {@code AWS_LAMBDA_LOG_LEVEL} (which
 * Lambda derives from the function's ApplicationLogLevel), else INFO; every other logger (the SDK,
 * the engines of the local stack) writes WARN and above. The system property
 * {@code labvault.log.levels} ({@code prefix=LEVEL,prefix=LEVEL}) overrides single prefixes, the
 * longest matching prefix wins, and of equal ones the first.
 */
public final class LogLevels {

  /** The loggers that follow the configured level. */
  public static final String OWN_PREFIX = "org.labvault";
  /** The per-prefix overrides, read once at start-up. */
  public static final String OVERRIDES_PROPERTY = "labvault.log.levels";
  /** A threshold no event reaches. */
  static final int OFF = Integer.MAX_VALUE;

  private final int own;
  private final int others;
  private final String[] prefixes;
  private final int[] thresholds;

  private LogLevels(int own, int others, String[] prefixes, int[] thresholds) {
    this.own = own;
    this.others = others;
    this.prefixes = prefixes;
    this.thresholds = thresholds;
  }

  /** From this process's environment and system properties. */
  public static LogLevels fromEnvironment() {
    return of(System.getenv("LOG_LEVEL"), System.getenv("AWS_LAMBDA_LOG_LEVEL"),
        System.getProperty(OVERRIDES_PROPERTY));
  }

  /**
   * @param logLevel the {@code LOG_LEVEL} value or null
   * @param lambdaLogLevel the {@code AWS_LAMBDA_LOG_LEVEL} value or null
   * @param overrides {@code prefix=LEVEL} pairs separated by commas, or null
   */
  public static LogLevels of(String logLevel, String lambdaLogLevel, String overrides) {
    int own = parse(logLevel);
    if (own < 0) {
      own = parse(lambdaLogLevel);
    }
    if (own < 0) {
      own = Level.INFO.toInt();
    }
    String[] prefixes = new String[0];
    int[] thresholds = new int[0];
    if (overrides != null && !overrides.isBlank()) {
      String[] pairs = overrides.split(",");
      prefixes = new String[pairs.length];
      thresholds = new int[pairs.length];
      int n = 0;
      for (String pair : pairs) {
        int eq = pair.indexOf('=');
        int threshold = eq < 0 ? -1 : parse(pair.substring(eq + 1));
        String prefix = eq < 0 ? "" : pair.substring(0, eq).trim();
        if (threshold >= 0 && !prefix.isEmpty()) { // a malformed pair is ignored rather than failing start-up
          prefixes[n] = prefix;
          thresholds[n] = threshold;
          n++;
        }
      }
      prefixes = java.util.Arrays.copyOf(prefixes, n);
      thresholds = java.util.Arrays.copyOf(thresholds, n);
    }
    return new LogLevels(own, Level.WARN.toInt(), prefixes, thresholds);
  }

  /** The lowest {@link Level#toInt()} the named logger writes; {@link #OFF} for none. */
  public int thresholdFor(String loggerName) {
    String name = loggerName == null ? "" : loggerName;
    int best = -1;
    int bestLength = -1;
    for (int i = 0; i < prefixes.length; i++) {
      if (covers(prefixes[i], name) && prefixes[i].length() > bestLength) {
        best = thresholds[i];
        bestLength = prefixes[i].length();
      }
    }
    if (best >= 0) {
      return best;
    }
    return covers(OWN_PREFIX, name) ? own : others;
  }

  /** {@code org.labvault} covers {@code org.labvault.x} but not {@code org.labvaultx}. */
  private static boolean covers(String prefix, String name) {
    return name.startsWith(prefix) && (name.length() == prefix.length() || name.charAt(prefix.length()) == '.');
  }

  /** The threshold a level name stands for, or -1 when the name is missing or unknown. */
  static int parse(String value) {
    if (value == null) {
      return -1;
    }
    return switch (value.trim().toUpperCase(Locale.ROOT)) {
      case "TRACE", "ALL" -> Level.TRACE.toInt();
      case "DEBUG" -> Level.DEBUG.toInt();
      case "INFO" -> Level.INFO.toInt();
      case "WARN", "WARNING" -> Level.WARN.toInt();
      case "ERROR", "FATAL" -> Level.ERROR.toInt(); // Lambda knows FATAL; SLF4J's highest is ERROR
      case "OFF" -> OFF;
      default -> -1;
    };
  }
}
