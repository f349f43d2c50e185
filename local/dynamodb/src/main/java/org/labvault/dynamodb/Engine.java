package org.labvault.dynamodb;

import java.util.Map;
import org.labvault.dynamodb.ops.Operation;

/** The engine's state and its operations. */
final class Engine implements AutoCloseable {

  private final EngineOptions options;

  private Engine(EngineOptions options) {
    this.options = options;
  }

  static Engine open(EngineOptions options) {
    return new Engine(options);
  }

  void register(Map<String, Operation> operations) {
    // operations are added by family as they land
  }

  EngineOptions options() {
    return options;
  }

  @Override
  public void close() {}
}
