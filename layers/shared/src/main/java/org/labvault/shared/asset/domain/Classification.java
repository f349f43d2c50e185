package org.labvault.shared.asset.domain;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * How sensitive an asset is. The more sensitive, the shorter a download URL lives: a leaked link is
 * useful for less time.
 */
public enum Classification {
  PUBLIC(Duration.ofMinutes(15)),
  INTERNAL(Duration.ofMinutes(15)),
  CONFIDENTIAL(Duration.ofMinutes(5)),
  SECRET(Duration.ofMinutes(1));

  /** When a client does not say. */
  public static final Classification DEFAULT = CONFIDENTIAL;

  private final Duration downloadLifetime;

  Classification(Duration downloadLifetime) {
    this.downloadLifetime = downloadLifetime;
  }

  public Duration downloadLifetime() {
    return downloadLifetime;
  }

  public static Optional<Classification> parse(String name) {
    return Arrays.stream(values()).filter(c -> c.name().equals(name)).findFirst();
  }
}
