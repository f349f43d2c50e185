package org.labvault.shared.log;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.spi.MDCAdapter;

/** One {@link JsonLogger} per name, its threshold decided by {@link LogLevels} on first use. */
public final class JsonLoggerFactory implements ILoggerFactory {

  private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
  private final LogLevels levels;
  private final JsonLineWriter writer;
  private final MDCAdapter mdc;

  public JsonLoggerFactory(LogLevels levels, JsonLineWriter writer, MDCAdapter mdc) {
    this.levels = levels;
    this.writer = writer;
    this.mdc = mdc;
  }

  @Override
  public Logger getLogger(String name) {
    Logger logger = loggers.get(name);
    if (logger == null) {
      // no computeIfAbsent: a lambda here would bootstrap the lambda machinery at cold start
      Logger created = new JsonLogger(name, levels.thresholdFor(name), writer, mdc);
      logger = loggers.putIfAbsent(name, created);
      if (logger == null) {
        logger = created;
      }
    }
    return logger;
  }
}
