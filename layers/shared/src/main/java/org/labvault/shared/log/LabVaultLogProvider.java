package org.labvault.shared.log;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * LabVault's SLF4J 2 back-end: every event is one JSON line on standard output. It replaces log4j2,
 * whose configuration, plugins and JSON layout loaded about 800 classes at each cold start; this one
 * loads a handful besides {@code slf4j-api}. Registered in
 * {@code META-INF/services/org.slf4j.spi.SLF4JServiceProvider}; it must be the only provider on the
 * class path.
 *
 * <p>How Lambda treats the lines, with the function's log format set to JSON (the template does so):
 * a line written to stdout that is already a JSON object is passed to CloudWatch Logs as it is, not
 * wrapped or encoded again. Lambda reads its {@code "level"} field for the application log level
 * filter (an event below ApplicationLogLevel is dropped; a missing or unknown level counts as INFO)
 * and uses its {@code "timestamp"} when that is a valid RFC 3339 time, adding its own otherwise.
 * Lambda passes ApplicationLogLevel to the function as {@code AWS_LAMBDA_LOG_LEVEL}, which
 * {@link LogLevels} follows, so that filtered events are not even formatted.
 */
public final class LabVaultLogProvider implements SLF4JServiceProvider {

  /** The SLF4J API line this provider is built against. */
  public static final String REQUESTED_API_VERSION = "2.0.99";

  private ILoggerFactory loggerFactory;
  private IMarkerFactory markerFactory;
  private MDCAdapter mdcAdapter;

  @Override
  public ILoggerFactory getLoggerFactory() {
    return loggerFactory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markerFactory;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdcAdapter;
  }

  @Override
  public String getRequestedApiVersion() {
    return REQUESTED_API_VERSION;
  }

  @Override
  public void initialize() {
    markerFactory = new BasicMarkerFactory();
    mdcAdapter = new BasicMDCAdapter();
    loggerFactory = new JsonLoggerFactory(LogLevels.fromEnvironment(), new JsonLineWriter(), mdcAdapter);
  }
}
