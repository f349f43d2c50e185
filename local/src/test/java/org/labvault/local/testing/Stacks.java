package org.labvault.local.testing;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.labvault.local.LocalStack;
import org.labvault.local.StackOptions;

/** Starts the local stack in-process for end-to-end tests: a free port, its own state directory. */
public final class Stacks {
  private Stacks() {}

  /**
   * Template parameters that raise the API throttles to the account's default quota (10,000
   * requests a second, burst 5,000), as a load test in AWS would ask for: a benchmark measures the
   * path, not the throttle.
   */
  public static final Map<String, String> ACCOUNT_QUOTA_THROTTLES = Map.of(
      "ApiThrottlingRateLimit", "10000", "ApiThrottlingBurstLimit", "5000",
      "CostlyRouteThrottlingRateLimit", "10000", "CostlyRouteThrottlingBurstLimit", "5000",
      "OperatorJobThrottlingRateLimit", "10000", "OperatorJobThrottlingBurstLimit", "5000");

  /**
   * What every test stack overrides: the operators' jobs at the account's quota. A test class runs
   * those jobs a dozen times in a few seconds, as no operator does; at one a second (burst 10) the
   * throttle, not the job, would answer. {@code ThrottlingE2ET} tests the throttles themselves.
   */
  public static final Map<String, String> TEST_OVERRIDES = Map.of(
      "OperatorJobThrottlingRateLimit", "10000", "OperatorJobThrottlingBurstLimit", "5000");

  public static Path root() {
    return Path.of(System.getProperty("labvault.root", "..")).toAbsolutePath().normalize();
  }

  public static StackOptions options(Path stateDir) {
    return options(stateDir, Map.of());
  }

  /** A test stack's options with {@link #TEST_OVERRIDES} and then {@code overrides} as parameter overrides. */
  public static StackOptions options(Path stateDir, Map<String, String> overrides) {
    Map<String, String> all = new LinkedHashMap<>(TEST_OVERRIDES);
    all.putAll(overrides);
    return StackOptions.defaults()
        .withPort(0)
        .withMqttPort(0)
        .withStateDir(stateDir)
        .withTemplate(root().resolve("template.yaml"))
        .withParameterOverrides(all);
  }

  public static LocalStack start(Path stateDir) throws Exception {
    return LocalStack.start(options(stateDir));
  }
}
