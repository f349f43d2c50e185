package org.labvault.shared.error;

import java.util.Map;

/** 503: a dependency the service needs is down; {@code dependencies} says which. */
public final class UnavailableException extends AppException {
  private final Map<String, String> dependencies;

  public UnavailableException(String detail, Map<String, String> dependencies) {
    super(503, ErrorCode.DEPENDENCY_UNAVAILABLE, detail);
    this.dependencies = Map.copyOf(dependencies);
  }

  public Map<String, String> dependencies() {
    return dependencies;
  }
}
