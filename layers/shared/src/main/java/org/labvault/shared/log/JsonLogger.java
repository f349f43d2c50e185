package org.labvault.shared.log;

import java.util.Map;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.LoggingEventAware;
import org.slf4j.spi.MDCAdapter;

/**
 * A logger whose threshold is fixed when it is created, so that {@code isInfoEnabled()} is one
 * comparison. It is {@link LoggingEventAware} because SLF4J's fluent builder hands the event, key-value
 * pairs included, only to such loggers; other loggers get the pairs pasted into the message text.
 */
final class JsonLogger extends LegacyAbstractLogger implements LoggingEventAware {

  private static final long serialVersionUID = 1L;

  private final transient int threshold;
  private final transient JsonLineWriter writer;
  private final transient MDCAdapter mdc;

  JsonLogger(String name, int threshold, JsonLineWriter writer, MDCAdapter mdc) {
    this.name = name;
    this.threshold = threshold;
    this.writer = writer;
    this.mdc = mdc;
  }

  @Override
  public boolean isTraceEnabled() {
    return threshold <= Level.TRACE.toInt();
  }

  @Override
  public boolean isDebugEnabled() {
    return threshold <= Level.DEBUG.toInt();
  }

  @Override
  public boolean isInfoEnabled() {
    return threshold <= Level.INFO.toInt();
  }

  @Override
  public boolean isWarnEnabled() {
    return threshold <= Level.WARN.toInt();
  }

  @Override
  public boolean isErrorEnabled() {
    return threshold <= Level.ERROR.toInt();
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null; // no caller location is written
  }

  /** The classic API; SLF4J has already checked the level and split off a trailing throwable. */
  @Override
  protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern,
      Object[] arguments, Throwable throwable) {
    writer.write(level, name, format(messagePattern, arguments), context(), null, throwable);
  }

  /** The fluent API ({@code atInfo().addKeyValue(..).log(..)}). */
  @Override
  public void log(LoggingEvent event) {
    Level level = event.getLevel();
    if (level == null || level.toInt() < threshold) {
      return;
    }
    Object[] arguments = event.getArgumentArray();
    Throwable throwable = event.getThrowable();
    if (throwable == null) {
      // log("failed for {}", id, e) without setCause: the last argument is the cause, as in the classic API
      Throwable candidate = MessageFormatter.getThrowableCandidate(arguments);
      if (candidate != null) {
        throwable = candidate;
        arguments = MessageFormatter.trimmedCopy(arguments);
      }
    }
    writer.write(level, name, format(event.getMessage(), arguments), context(), event.getKeyValuePairs(), throwable);
  }

  private Map<String, String> context() {
    return mdc == null ? null : mdc.getCopyOfContextMap();
  }

  private static String format(String pattern, Object[] arguments) {
    if (arguments == null || arguments.length == 0 || pattern == null) {
      return pattern;
    }
    return MessageFormatter.basicArrayFormat(pattern, arguments);
  }
}
