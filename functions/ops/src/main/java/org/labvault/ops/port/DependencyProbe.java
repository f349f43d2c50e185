package org.labvault.ops.port;

/** Checks that one dependency the API needs answers. */
public interface DependencyProbe {

  /** Short stable name shown in the health answer, e.g. {@code dynamodb}. */
  String name();

  /**
   * Returns normally when the dependency answers as expected.
   *
   * @throws RuntimeException describing why it does not
   */
  void check();
}
