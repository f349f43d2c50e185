package org.labvault.local.testing;

import java.nio.file.Path;
import java.util.Map;
import org.labvault.local.LocalStack;
import org.labvault.local.StackOptions;

/** Starts the local stack in-process for end-to-end tests: a free port, its own state directory. */
public final class Stacks {
  private Stacks() {}

  /**
   * Template parameters that raise the API throttles to the account's default quota (10,000
   * requests a second, burst 5,000), as a load test in AWS would ask for: a benchmark measures the
   * path, not the throttle. The operator jobs keep their fixed limits; no benchmark reaches them.
   */
  public static final Map<String, String> ACCOUNT_QUOTA_THROTTLES = Map.of(
      "ApiThrottlingRateLimit", "10000", "ApiThrottlingBurstLimit", "5000",
      "CostlyRouteThrottlingRateLimit", "10000", "CostlyRouteThrottlingBurstLimit", "5000");

  public static Path root() {
    return Path.of(System.getProperty("labvault.root", "..")).toAbsolutePath().normalize();
  }

  public static StackOptions options(Path stateDir) {
    return StackOptions.defaults()
        .withPort(0)
        .withMqttPort(0)
        .withStateDir(stateDir)
        .withTemplate(root().resolve("template.yaml"));
  }

  public static LocalStack start(Path stateDir) throws Exception {
    return LocalStack.start(options(stateDir));
  }
}
