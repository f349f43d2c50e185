package org.labvault.local.testing;

import java.nio.file.Path;
import org.labvault.local.LocalStack;
import org.labvault.local.StackOptions;

/** Starts the local stack in-process for end-to-end tests: a free port, its own state directory. */
public final class Stacks {
  private Stacks() {}

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
