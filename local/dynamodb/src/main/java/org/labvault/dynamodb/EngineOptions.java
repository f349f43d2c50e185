package org.labvault.dynamodb;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * How an engine runs: its directory (null keeps everything in memory), its clock and how often
 * the TTL sweeper looks for expired items.
 */
public record EngineOptions(Path dir, Clock clock, Duration ttlSweep) {
  public static final Duration DEFAULT_TTL_SWEEP = Duration.ofSeconds(10);
  public static final String REGION = "us-east-1";
  public static final String ACCOUNT_ID = "000000000000";
}
