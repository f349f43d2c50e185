package org.labvault.local.testing;

/** What the benchmarks report of a run's times: percentiles of sorted nanoseconds, in milliseconds. */
public final class Timings {
  private Timings() {}

  /** The {@code p}th percentile (nearest rank) of {@code sorted} nanoseconds, in milliseconds. */
  public static double percentileMillis(long[] sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
  }
}
