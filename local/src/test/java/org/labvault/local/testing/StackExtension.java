package org.labvault.local.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.labvault.local.LocalStack;

/**
 * One local stack for a whole test class, in its own state directory:
 * {@code @RegisterExtension static final StackExtension stack = new StackExtension();}.
 */
public final class StackExtension implements BeforeAllCallback, AfterAllCallback {

  private final java.util.Map<String, String> parameterOverrides;
  private Path state;
  private LocalStack stack;
  private HttpApi api;

  /** A stack with the template's parameter defaults. */
  public StackExtension() {
    this(java.util.Map.of());
  }

  /** A stack with some template parameters overridden, as {@code --parameter-overrides} does. */
  public StackExtension(java.util.Map<String, String> parameterOverrides) {
    this.parameterOverrides = java.util.Map.copyOf(parameterOverrides);
  }

  /** A stack for a benchmark: throttled only at the account's quota ({@link Stacks#ACCOUNT_QUOTA_THROTTLES}). */
  public static StackExtension forBenchmark() {
    return new StackExtension(Stacks.ACCOUNT_QUOTA_THROTTLES);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    state = Files.createTempDirectory("labvault-e2e");
    stack = LocalStack.start(Stacks.options(state, parameterOverrides));
    api = new HttpApi(stack.api());
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    stack.close();
    try (Stream<Path> files = Files.walk(state)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  public LocalStack stack() {
    return stack;
  }

  public HttpApi api() {
    return api;
  }

  public Path stateDir() {
    return state;
  }
}
